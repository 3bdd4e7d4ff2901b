using System.Security.Cryptography;

namespace Custody.Web.Infrastructure;

/// <summary>
/// The server key behind idempotency fingerprints: 32 random bytes in <c>idempotency.key</c> in the
/// data directory (owner-only), made at first start. An HMAC, not a bare hash, so that a stored
/// fingerprint tells a database reader nothing about the request body (which carries personal data).
/// </summary>
public sealed class IdempotencyKeyring
{
    private readonly byte[] _key;

    public IdempotencyKeyring(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var directory = configuration["Custody:DataDirectory"] ?? "data";
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "idempotency.key");
        if (!File.Exists(file))
        {
            // Created owner-only before the key is written into it.
            using (File.Create(file))
            {
            }
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            File.WriteAllBytes(file, RandomNumberGenerator.GetBytes(32));
        }
        _key = File.ReadAllBytes(file);
    }

    /// <summary>Starts a request's fingerprint: its method and path now, its body as the endpoint reads it.</summary>
    public RequestFingerprint NewFingerprint(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var stream = new HashingStream(request.Body, hmac);
        request.Body = stream;
        return new RequestFingerprint(stream, hmac);
    }

    /// <summary>A fingerprint being computed as the body streams through.</summary>
    public sealed class RequestFingerprint(HashingStream body, IncrementalHash hmac)
    {
        /// <summary>Reads what the endpoint left of the body (in small pieces, never the whole in memory) and answers the HMAC.</summary>
        public async Task<string> OfWholeBodyAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[16 * 1024];
            while (await body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
            return Convert.ToHexStringLower(hmac.GetHashAndReset());
        }
    }

    /// <summary>A read-only pass-through that feeds every byte read into the hash.</summary>
    public sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            hash.AppendData(buffer, offset, read);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            hash.AppendData(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
