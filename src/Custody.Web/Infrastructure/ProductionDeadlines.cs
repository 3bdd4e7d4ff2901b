using Custody.Production;

namespace Custody.Web.Infrastructure;

/// <summary>Every minute, records the production requests and relatives' information requests whose deadline passed unanswered, and sends their notices.</summary>
public sealed partial class ProductionDeadlines(IServiceScopeFactory scopes, TimeProvider time, ILogger<ProductionDeadlines> log) : BackgroundService
{
    public const string Actor = "system:deadlines";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<RecordProductionOverdue>().HandleAsync(Actor, stoppingToken);
                await scope.ServiceProvider.GetRequiredService<Custody.InformationRequests.RecordInformationRequestsOverdue>().HandleAsync(Actor, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed(log, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording overdue production requests failed")]
    private static partial void Failed(ILogger logger, Exception exception);
}
