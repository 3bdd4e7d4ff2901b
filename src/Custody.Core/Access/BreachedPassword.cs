using System.Security.Cryptography;
using System.Text;
using Custody.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Win32.SafeHandles;

namespace Custody.Access;

/// <summary>
/// Refuses a password found in a list of passwords exposed in breaches (ASVS 6.2.12), when the
/// operator supplies one (<c>Custody:BreachedPasswords:File</c>): Have I Been Pwned's Pwned Passwords
/// download, SHA-1 ordered by hash, one <c>HASH:COUNT</c> line each. The service reaches no outside
/// service for this (no k-anonymity calls from a register of people in custody); the file is searched
/// on disk by bisection (about 36 reads of a few bytes for the full 40 GB list), never loaded.
/// Without the setting only <see cref="GuessablePassword"/>'s built-in lists apply.
/// </summary>
public sealed class BreachedPassword(BreachedPasswordList list) : IPasswordValidator<CustodyUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<CustodyUser> manager, CustodyUser user, string? password) =>
        Task.FromResult(string.IsNullOrEmpty(password) || !list.Contains(password)
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordBreached",
                Description = "This password appears in a list of passwords exposed in data breaches, so attackers try it first. Choose another.",
            }));
}

/// <summary>The operator's file of breached passwords' SHA-1 hashes, in hash order; <see cref="None"/> when none is configured.</summary>
public sealed class BreachedPasswordList
{
    private const int HashLength = 40;

    private readonly string? _path;

    private BreachedPasswordList(string? path) => _path = path;

    public static BreachedPasswordList None { get; } = new(null);

    /// <summary>The list at <paramref name="path"/>; a missing or unreadable file refuses the start rather than silently checking nothing.</summary>
    public static BreachedPasswordList At(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Custody:BreachedPasswords:File names {path}, which does not exist.");
        }
        using var handle = File.OpenHandle(path);
        var list = new BreachedPasswordList(path);
        if (RandomAccess.GetLength(handle) > 0 && list.HashAt(handle, 0) is null)
        {
            throw new InvalidOperationException($"Custody:BreachedPasswords:File ({path}) does not start with a SHA-1 hash: it must be Pwned Passwords' SHA-1 list ordered by hash (HASH:COUNT lines).");
        }
        return list;
    }

    /// <summary>Whether the password's SHA-1 is in the list.</summary>
    public bool Contains(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        // SHA-1 is the list's key, not a protection: the hash is only looked up, never stored or trusted.
#pragma warning disable CA5350
        return ContainsHash(Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(password))));
#pragma warning restore CA5350
    }

    /// <summary>Whether a SHA-1 hash (40 hex digits, either case) is in the list.</summary>
    public bool ContainsHash(string sha1Hex)
    {
        ArgumentNullException.ThrowIfNull(sha1Hex);
        if (_path is null)
        {
            return false;
        }
        var target = sha1Hex.ToUpperInvariant();
        using var handle = File.OpenHandle(_path);
        // The first offset whose next line's hash is not below the target: hashes rise with the offset.
        long low = 0, high = RandomAccess.GetLength(handle);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (HashAt(handle, middle) is not { } hash || string.CompareOrdinal(hash, target) >= 0)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        return HashAt(handle, low) == target;
    }

    /// <summary>The hash of the first line that starts at or after <paramref name="offset"/>, upper case; null past the last line.</summary>
    private string? HashAt(SafeFileHandle handle, long offset)
    {
        var start = offset == 0 ? 0 : NextLineStart(handle, offset - 1);
        if (start < 0)
        {
            return null;
        }
        Span<byte> hash = stackalloc byte[HashLength];
        if (RandomAccess.Read(handle, hash, start) < HashLength)
        {
            return null;
        }
        foreach (var b in hash)
        {
            if (!char.IsAsciiHexDigit((char)b))
            {
                throw new InvalidDataException($"{_path}: the line at byte {start} does not start with a SHA-1 hash.");
            }
        }
        return Encoding.ASCII.GetString(hash).ToUpperInvariant();
    }

    /// <summary>The offset just after the first line break at or after <paramref name="from"/>, or -1 when there is none.</summary>
    private static long NextLineStart(SafeFileHandle handle, long from)
    {
        Span<byte> chunk = stackalloc byte[128];
        for (var at = from; ; at += chunk.Length)
        {
            var read = RandomAccess.Read(handle, chunk, at);
            if (read == 0)
            {
                return -1;
            }
            var index = chunk[..read].IndexOf((byte)'\n');
            if (index >= 0)
            {
                return at + index + 1;
            }
        }
    }
}
