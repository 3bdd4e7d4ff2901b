namespace Custody.Common;

/// <summary>An expected failure of a command, mapped once to ProblemDetails (web) or an exit code (CLI).</summary>
public abstract record Failure(string Message);

/// <summary>The thing named does not exist.</summary>
public sealed record NotFound(string Message) : Failure(Message);

/// <summary>The caller may not do this to this record (their role allows the command, not on this record); nothing was written.</summary>
public sealed record Forbidden(string Message) : Failure(Message);

/// <summary>The command is not allowed in the current state; nothing was written.</summary>
public sealed record Conflict(string Message) : Failure(Message);

/// <summary>The input is invalid; each error names its field (a JSON Pointer, form field or CSV row).</summary>
public sealed record Invalid(IReadOnlyList<FieldError> Errors, bool Truncated = false)
    : Failure($"{Errors.Count}{(Truncated ? "+" : "")} validation error(s)");

/// <summary>One validation error and where it is.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Either a value or a failure; exceptions are kept for bugs and infrastructure.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public Failure? Failure { get; }

    public bool Succeeded => Failure is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(Failure failure) => new(default, failure);

    public static implicit operator Result<T>(Failure failure) => Fail(failure);

    public static implicit operator Result<T>(T value) => Ok(value);

    /// <summary>The value shaped for its reader (a response record), or the same failure.</summary>
    public Result<TOut> Map<TOut>(Func<T, TOut> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Failure is null ? Result<TOut>.Ok(shape(Value!)) : Result<TOut>.Fail(Failure);
    }
}

/// <summary>The command is not allowed in the record's current state, which is returned so the caller can see why (409).</summary>
public sealed record StateConflict(string Message, object CurrentState) : Failure(Message);
