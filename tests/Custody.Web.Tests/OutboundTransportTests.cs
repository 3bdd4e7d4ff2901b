using System.Net;
using System.Net.Sockets;
using System.Text;
using Custody.Notifications;
using Custody.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

/// <summary>
/// Notices and checkpoints leave the machine encrypted or not at all (<see cref="OutboundTransport"/>):
/// the settings are checked at start-up, and an SMTP server that offers no STARTTLS gets no notice.
/// </summary>
public sealed class OutboundTransportTests
{
    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.255.0.9", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("128.0.0.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("localhost.example.org", false)]
    [InlineData("mail.example.org", false)]
    public void Loopback_IsThisMachineOnly(string host, bool loopback) => Assert.Equal(loopback, Custody.Common.Loopback.IsLoopbackHost(host));

    [Fact]
    public async Task TheWitnessClient_DoesNotFollowARedirect()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var requests = 0;
        var server = Task.Run(async () =>
        {
            // Answers every request with a redirect to itself elsewhere; a client that follows comes back.
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer);
                Interlocked.Increment(ref requests);
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:{port}/elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            }
        });
        await using var factory = new CustodyWebFactory();
        var http = factory.Services.GetRequiredService<System.Net.Http.IHttpClientFactory>().CreateClient(nameof(Custody.Transparency.CheckpointPublisher));

        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/add-checkpoint"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(1, Volatile.Read(ref requests));
        listener.Stop();
    }

    [Theory]
    [InlineData(null, SmtpSecurity.None, false)]
    [InlineData("mail.example.org", SmtpSecurity.StartTls, false)]
    [InlineData("mail.example.org", SmtpSecurity.SslOnConnect, false)]
    [InlineData("mail.example.org", SmtpSecurity.None, true)]
    [InlineData("127.0.0.1", SmtpSecurity.None, false)]
    [InlineData("localhost", SmtpSecurity.None, false)]
    [InlineData("mail.example.org", (SmtpSecurity)7, true)]
    public void Smtp_InPlainText_OnlyToThisMachine(string? host, SmtpSecurity security, bool refused)
    {
        var problem = OutboundTransport.SmtpProblem(new SmtpOptions { Host = host, Security = security });

        Assert.Equal(refused, problem is not null);
        if (refused)
        {
            Assert.Contains("Custody:Smtp:Security", problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://witness.example.org/", false)]
    [InlineData("https://witness.example.org:8443/witness", false)]
    [InlineData("http://127.0.0.1:7380", false)]
    [InlineData("http://localhost:7380/", false)]
    [InlineData("http://[::1]:7380/", false)]
    [InlineData("http://witness.example.org/", true)]
    [InlineData("http://10.1.2.3:7380/", true)]
    [InlineData("ftp://witness.example.org/", true)]
    [InlineData("witness.example.org", true)]
    [InlineData("", true)]
    public void Witness_OverHttps_UnlessOnThisMachine(string url, bool refused)
    {
        var problem = OutboundTransport.WitnessUrlProblem(url, 2);

        Assert.Equal(refused, problem is not null);
        if (refused)
        {
            Assert.Contains("Custody:Log:Witnesses:2:Url", problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Custody:Smtp:Host", "mail.example.org", "Custody:Smtp:Security", "None", "Custody:Smtp:Security")]
    [InlineData("Custody:Log:Witnesses:0:Url", "http://witness.example.org/", "Custody:Log:Witnesses:0:Key", "witness.example.org+00000000+AAAA", "Custody:Log:Witnesses:0:Url")]
    public void TheApp_RefusesToStart_WithAPlainTextDestination(string key, string value, string otherKey, string otherValue, string named)
    {
        using var factory = new CustodyWebFactory();
        using var configured = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting(key, value);
            b.UseSetting(otherKey, otherValue);
        });

        var thrown = Assert.ThrowsAny<Exception>(() => configured.CreateClient());
        var refused = Assert.IsType<InvalidOperationException>(thrown is InvalidOperationException ? thrown : thrown.GetBaseException());

        Assert.StartsWith("Custody refuses to start", refused.Message, StringComparison.Ordinal);
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerWithoutStartTls_GetsNoNotice()
    {
        await using var server = FakeSmtpServer.Start();
        var channel = new SmtpNotificationChannel(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = SmtpSecurity.StartTls });

        var failed = await Assert.ThrowsAsync<NotificationDeliveryException>(() => channel.SendAsync(Notice(), TestContext.Current.CancellationToken));

        Assert.Contains("does not offer STARTTLS", failed.Message, StringComparison.Ordinal);
        var heard = await server.TranscriptAsync();
        Assert.Contains("EHLO", heard, StringComparison.Ordinal);
        Assert.DoesNotContain("MAIL FROM", heard, StringComparison.Ordinal);
        Assert.DoesNotContain("Juana", heard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARelayOnThisMachine_MayBePlain_WhenSaidSo()
    {
        await using var server = FakeSmtpServer.Start();
        var channel = new SmtpNotificationChannel(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = SmtpSecurity.None });

        await channel.SendAsync(Notice(), TestContext.Current.CancellationToken);

        var heard = await server.TranscriptAsync();
        Assert.Contains("RCPT TO:<juana@example.org>", heard, StringComparison.Ordinal);
        Assert.Contains("Subject: Transfer notice", heard, StringComparison.Ordinal);
    }

    private static Notification Notice() => new()
    {
        Id = Guid.NewGuid(),
        Kind = NotificationKinds.TransferCounsel,
        RecipientName = "Juana Pérez",
        Address = "juana@example.org",
        Subject = "Transfer notice",
        Body = "A transfer is planned.",
    };

    /// <summary>Just enough of an SMTP server on loopback to see what a client sends; it never offers TLS.</summary>
    private sealed class FakeSmtpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task<string> _session;

        private FakeSmtpServer()
        {
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _session = ServeOneAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static FakeSmtpServer Start() => new();

        /// <summary>Everything the client sent, once it has hung up.</summary>
        public Task<string> TranscriptAsync() => _session.WaitAsync(TimeSpan.FromSeconds(30));

        private async Task<string> ServeOneAsync()
        {
            using var client = await _listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            var heard = new StringBuilder();
            await writer.WriteLineAsync("220 fake.test ESMTP");
            var inData = false;
            while (await reader.ReadLineAsync() is { } line)
            {
                heard.AppendLine(line);
                if (inData)
                {
                    if (line == ".")
                    {
                        inData = false;
                        await writer.WriteLineAsync("250 queued");
                    }
                    continue;
                }
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-fake.test\r\n250 8BITMIME");
                        break;
                    case "DATA":
                        inData = true;
                        await writer.WriteLineAsync("354 go on");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return heard.ToString();
                    default:
                        await writer.WriteLineAsync("250 ok");
                        break;
                }
            }
            return heard.ToString();
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            try
            {
                await _session;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
            {
                // The client never came (the test failed earlier): nothing to hand back.
            }
        }
    }
}
