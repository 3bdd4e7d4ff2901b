using Custody.Common;

namespace Custody.Web.Infrastructure;

/// <summary>
/// What the app sends to other machines goes encrypted, with no fallback to plain text (ASVS
/// 12.3.1, 12.3.3): notices by SMTP and checkpoints to witnesses. The one exception is a host on
/// this machine's loopback (a local mail relay, a witness beside the node), whose traffic never
/// leaves it. (The PostgreSQL connection is checked where every path parses it: <c>CustodyDatabase.Parse</c>.) Checked once at start-up, so a misconfigured deployment refuses to start instead of
/// sending a notice or a checkpoint in the clear.
/// </summary>
public static class OutboundTransport
{
    /// <summary>Why these SMTP settings may not be used, or null when they may.</summary>
    public static string? SmtpProblem(SmtpOptions smtp)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return null;
        }
        if (!Enum.IsDefined(smtp.Security))
        {
            return $"Custody:Smtp:Security must be StartTls, SslOnConnect or None; it is {smtp.Security}.";
        }
        return smtp.Security == SmtpSecurity.None && !Loopback.IsLoopbackHost(smtp.Host)
            ? $"Custody:Smtp:Security is None but the host '{smtp.Host}' is not on this machine: notices would cross the network in plain text. Use StartTls (port 587) or SslOnConnect (port 465)."
            : null;
    }

    /// <summary>Why this witness URL may not be used, or null when it may.</summary>
    public static string? WitnessUrlProblem(string url, int index)
    {
        var field = $"Custody:Log:Witnesses:{index}:Url";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"{field} must be an absolute https:// URL; it is '{url}'.";
        }
        return uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback
            ? $"{field} is '{url}': a witness on another machine must be reached by https://, so that checkpoints and cosignatures are not sent in the clear."
            : null;
    }

    /// <summary>Refuses to go on when any outbound setting would send in plain text.</summary>
    /// <exception cref="InvalidOperationException">One would; the message names the setting.</exception>
    public static void EnsureEncrypted(SmtpOptions smtp, IEnumerable<WitnessOptions> witnesses)
    {
        ArgumentNullException.ThrowIfNull(witnesses);
        var problems = witnesses.Select((w, i) => WitnessUrlProblem(w.Url, i)).Prepend(SmtpProblem(smtp)).OfType<string>().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Custody refuses to start: " + string.Join(" ", problems));
        }
    }
}
