namespace Custody.Common;

/// <summary>
/// What typed text may not carry: control characters (tab, line feed and carriage return aside) and
/// the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make a register
/// entry read differently on screen from what is stored ("Trojan Source"). Applied to everything a
/// person types into a form or an API request; imported files answer to their schemas only.
/// </summary>
public static class TextInput
{
    public static string? Refuse(string? value)
    {
        if (value is null)
        {
            return null;
        }
        foreach (var c in value)
        {
            if (c is '\t' or '\n' or '\r')
            {
                continue;
            }
            if (char.IsControl(c))
            {
                return $"Contains a control character (U+{(int)c:X4}).";
            }
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return $"Contains a bidirectional override (U+{(int)c:X4}) that would show the text differently from what is stored.";
            }
        }
        return null;
    }
}
