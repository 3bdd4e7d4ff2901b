using Custody.Common;

namespace Custody.Transfers;

/// <summary>Field checks shared by the transfer commands.</summary>
internal static class TransferInput
{
    public static void Require(List<FieldError> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > max)
        {
            errors.Add(new FieldError(field, $"Required, 1 to {max} characters."));
        }
    }

    /// <summary>An optional instant in the past (default now); a record may be late, never in the future.</summary>
    public static DateTime? Past(List<FieldError> errors, string field, string? text, DateTimeOffset now)
    {
        if (Instants.ReadPast(text, now, field, out var instant) is { } error)
        {
            errors.Add(error);
            return null;
        }
        return Instants.Utc(instant);
    }
}
