using Custody.Notifications;
using MailKit.Net.Smtp;
using MimeKit;

namespace Custody.Web.Infrastructure;

/// <summary>SMTP settings (<c>Custody:Smtp</c>); when Host is empty notices go to the log channel.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>How the connection is encrypted; <see cref="SmtpSecurity.None"/> only to a relay on this machine.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "custody@localhost";

    /// <summary>How often the outbox is read, in seconds.</summary>
    public int PollSeconds { get; set; } = 15;
}

/// <summary>How the SMTP connection is encrypted. There is no "if offered": a server that does not offer STARTTLS gets nothing.</summary>
public enum SmtpSecurity
{
    /// <summary>Connect in plain text and require STARTTLS before anything is sent (submission, port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, port 465).</summary>
    SslOnConnect,

    /// <summary>No encryption: allowed only to a host on this machine's loopback (checked at start-up).</summary>
    None,
}

/// <summary>
/// The default channel: the notice stays in the outbox (where it can be read and sent by hand) and
/// its delivery is written to the log — by id and kind only, no personal data in logs.
/// </summary>
public sealed partial class LogNotificationChannel(ILogger<LogNotificationChannel> log) : INotificationChannel
{
    public string Name => "log";

    public Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Delivered(log, notification.Id, notification.Kind, notification.Language);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {Id} ({Kind}, {Language}) recorded in the outbox for delivery")]
    private static partial void Delivered(ILogger logger, Guid id, string kind, string language);
}

/// <summary>Sends notices with an e-mail address by SMTP (MailKit); others fail visibly in the outbox.</summary>
public sealed class SmtpNotificationChannel(SmtpOptions options) : INotificationChannel
{
    public string Name => "smtp";

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Address is null || !notification.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new NotificationDeliveryException("The recipient has no e-mail address on record; send by telephone or post and record it.");
        }
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(new MailboxAddress(notification.RecipientName, notification.Address));
        message.Subject = notification.Subject;
        message.Body = new TextPart("plain") { Text = notification.Body };
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(options.Host ?? "localhost", options.Port, Socket(options.Security), cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception ex) when (ex is MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException or System.Net.Sockets.SocketException
            or MailKit.Security.AuthenticationException or IOException or ParseException)
        {
            throw new NotificationDeliveryException($"SMTP: {ex.Message}", ex);
        }
        catch (NotSupportedException ex)
        {
            // MailKit's answer when StartTls is required and the server does not offer it.
            throw new NotificationDeliveryException($"SMTP: {options.Host} does not offer STARTTLS, and notices are not sent in plain text ({ex.Message}).", ex);
        }
    }

    private static MailKit.Security.SecureSocketOptions Socket(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => MailKit.Security.SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => MailKit.Security.SecureSocketOptions.None,
        _ => MailKit.Security.SecureSocketOptions.StartTls,
    };
}

/// <summary>Reads the outbox every few seconds and delivers what is queued.</summary>
public sealed partial class NotificationDispatcher(IServiceScopeFactory scopes, SmtpOptions options, ILogger<NotificationDispatcher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds)));
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<DeliverNotifications>().RunOnceAsync(cancellationToken: stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(log, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering the outbox failed; it will be tried again")]
    private static partial void Failed(ILogger logger, Exception ex);
}
