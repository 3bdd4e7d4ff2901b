using System.Reflection;
using Custody.Common;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Custody.Web.Api;

/// <summary>
/// A use case's answer over HTTP, as the endpoint's declared type: 200 with its record, or its
/// failure as ProblemDetails through the one mapping (<see cref="ApiResults.Problem"/>). The type
/// states in the OpenAPI document what the endpoint returns, so no endpoint lists it by hand.
/// 401, 403 and 500 are stated for the whole API where it is mapped.
/// </summary>
public sealed class Answer<T> : IResult, INestedHttpResult, IEndpointMetadataProvider
{
    private Answer(IResult result) => Result = result;

    public IResult Result { get; }

    public static Answer<T> From(Result<T> result) => new(ApiResults.From(result));

    public static Answer<T> Ok(T value) => new(TypedResults.Ok(value));

    public static Answer<T> Fail(Failure failure) => new(ApiResults.Problem(failure));

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        Problems.Declare(builder, StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
    }
}

/// <summary>A use case that creates a record: 201 with its location and record, or its failure.</summary>
public sealed class CreatedAnswer<T> : IResult, INestedHttpResult, IEndpointMetadataProvider
{
    private CreatedAnswer(IResult result) => Result = result;

    public IResult Result { get; }

    public static CreatedAnswer<T> From(Result<T> result, Func<T, string> location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new(result.Failure is { } failure ? ApiResults.Problem(failure) : TypedResults.Created(location(result.Value!), result.Value));
    }

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(T), ["application/json"]));
        Problems.Declare(builder, StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
    }
}

/// <summary>A read of one record: 200 with it, or 404 when there is none (or the reader may not see it).</summary>
public sealed class Found<T> : IResult, INestedHttpResult, IEndpointMetadataProvider
{
    private Found(IResult result) => Result = result;

    public IResult Result { get; }

    public static Found<T> From(T? value, string notFound) => new(value is null ? ApiResults.Problem(new NotFound(notFound)) : TypedResults.Ok(value));

    public static Found<T> From(Result<T> result) => new(ApiResults.From(result));

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        Problems.Declare(builder, StatusCodes.Status404NotFound);
    }
}

internal static class Problems
{
    public static void Declare(EndpointBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status,
                status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), ["application/problem+json"]));
        }
    }
}

/// <summary>
/// A file, a chart or a report — or why not (400, 404, 409). The file's content types are stated with <see cref="ApiResults.ProducesFile"/>.
/// A file is bytes the read log cannot look into, so each one says what it shows: <see cref="Of"/> takes the view it was
/// rendered from, whose people the read filter records as it does for a JSON answer; <see cref="NamingNoOne"/> is for files
/// that name no one or whose use case records its own read.
/// </summary>
public sealed class FileAnswer : IResult, INestedHttpResult, IEndpointMetadataProvider
{
    private FileAnswer(IResult result, object? shows) => (Result, Shows) = (result, shows);

    public IResult Result { get; }

    /// <summary>The view the file was rendered from (what the read log walks for people), or null.</summary>
    public object? Shows { get; }

    /// <summary>A file rendered from <paramref name="shows"/>: a reconciliation, an invoice.</summary>
    public static FileAnswer Of(IResult file, object shows)
    {
        ArgumentNullException.ThrowIfNull(shows);
        return new(file, shows);
    }

    /// <summary>A file that names no one (a chart of counts, an inspection), or whose use case has already recorded the read (a screening run, a person's art. 18 report).</summary>
    public static FileAnswer NamingNoOne(IResult file) => new(file, null);

    public static FileAnswer Fail(Failure failure) => new(ApiResults.Problem(failure), null);

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Problems.Declare(builder, StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
    }
}
