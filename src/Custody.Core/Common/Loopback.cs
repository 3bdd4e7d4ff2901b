using System.Net;

namespace Custody.Common;

/// <summary>Whether a host is this machine: the one place plain-text connections are allowed to go.</summary>
public static class Loopback
{
    /// <summary>"localhost" or a loopback address (127.0.0.0/8, ::1, with or without brackets); a name that merely starts so is not.</summary>
    public static bool IsLoopbackHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.Trim().Trim('[', ']');
        return string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address));
    }
}
