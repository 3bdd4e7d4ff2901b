using System.Net;
using System.Net.Sockets;

namespace Custody.Web.Auth;

/// <summary>
/// The key that per-address limits count under: an IPv4 address whole, an IPv6 address by its /64
/// prefix (one subscriber commonly holds a whole /64, so counting single IPv6 addresses would let one
/// client rotate through billions of them). Behind a proxy this is the client address only when the
/// proxy is configured as trusted (<see cref="TransportSecurity"/>).
/// </summary>
public static class ClientAddress
{
    public static string KeyOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return KeyOf(http.Connection.RemoteIpAddress);
    }

    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
