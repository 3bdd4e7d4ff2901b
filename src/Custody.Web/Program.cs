using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Custody.Agreements;
using Custody.People;
using Custody.Persistence;
using Custody.Web.Api;
using Custody.Web.Auth;
using Custody.Web.Infrastructure;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.WebEncoders;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddCustodyDatabase();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddCustodyUseCases();
builder.Services.AddSingleton(builder.Configuration.GetSection("Custody:Complaints").Get<Custody.Complaints.ComplaintOptions>() ?? new());
builder.Services.AddSingleton(builder.Configuration.GetSection("Custody:InformationRequests").Get<Custody.InformationRequests.InformationRequestOptions>() ?? new());
builder.Services.AddSingleton<StatisticsCache>();
if (builder.Configuration.GetValue("Custody:WatchDeadlines", true))
{
    builder.Services.AddHostedService<ProductionDeadlines>();
}
builder.Services.AddSingleton(builder.Configuration.GetSection("Custody:Incidents").Get<Custody.Transfers.IncidentOptions>() ?? new());
var smtp = builder.Configuration.GetSection("Custody:Smtp").Get<SmtpOptions>() ?? new();
builder.Services.AddSingleton(smtp);
if (string.IsNullOrWhiteSpace(smtp.Host))
{
    builder.Services.AddSingleton<Custody.Notifications.INotificationChannel, LogNotificationChannel>();
}
else
{
    builder.Services.AddSingleton<Custody.Notifications.INotificationChannel, SmtpNotificationChannel>();
}
if (builder.Configuration.GetValue("Custody:DeliverNotifications", true))
{
    builder.Services.AddHostedService<NotificationDispatcher>();
}
OutboundTransport.EnsureEncrypted(smtp, builder.Configuration.GetSection("Custody:Log:Witnesses").Get<List<WitnessOptions>>() ?? []);
builder.AddCustodyTransparency();
var https = TransportSecurity.RequiresHttps(builder.Configuration, builder.Environment);
builder.AddTransportSecurity(https);
// A second factor for every account outside development (demo users sign in with a password there).
var secondFactorRequired = builder.Configuration.GetValue<bool?>("Custody:SecondFactorRequired")
    ?? !TransportSecurity.IsDevelopmentOrTest(builder.Environment);
builder.Services.AddCustodyAuth(https, secondFactorRequired);
// The operator's download of breached passwords' hashes, searched on disk at every new password.
builder.Services.AddSingleton(builder.Configuration["Custody:BreachedPasswords:File"] is { Length: > 0 } breachedList
    ? Custody.Access.BreachedPasswordList.At(breachedList)
    : Custody.Access.BreachedPasswordList.None);
builder.Services.AddSingleton<IdempotencyKeyring>();
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizerFactory, CaseInsensitiveLocalizerFactory>();
// Names such as "Menjívar" stay readable in the page source instead of becoming &#xED; escapes.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizePage("/Index", Policies.SignedIn);
    o.Conventions.AuthorizeFolder("/People", Policies.ReadPeople);
    o.Conventions.AuthorizeFolder("/Agreements", Policies.ReadAgreements);
    o.Conventions.AuthorizeFolder("/ClassOrders", Policies.ReadAgreements);
    o.Conventions.AuthorizePage("/Requests/Index", Policies.ReadInformationRequests);
    o.Conventions.AuthorizeFolder("/Imports", Policies.Import);
    o.Conventions.AuthorizeFolder("/Ledger", Policies.VerifyLedger);
    o.Conventions.AuthorizeFolder("/Screenings", Policies.ScreenRegister);
    o.Conventions.AuthorizeFolder("/Manifests", Policies.ReadManifests);
    o.Conventions.AuthorizeFolder("/Notifications", Policies.ReadNotifications);
    o.Conventions.AuthorizeFolder("/Facilities", Policies.ReadRegister);
    o.Conventions.AuthorizeFolder("/Invoices", Policies.ReadFinance);
    o.Conventions.AuthorizePage("/Facilities/Admit", Policies.KeepRegister);
    o.Conventions.AuthorizeFolder("/Production", Policies.ReadProduction);
    o.Conventions.AuthorizePage("/Production/Order", Policies.OrderProduction);
    o.Conventions.AllowAnonymousToPage("/Locator/Index");
    o.Conventions.AllowAnonymousToPage("/Statistics/Index");
    o.Conventions.AllowAnonymousToPage("/Requests/New");
    o.Conventions.AllowAnonymousToPage("/Requests/Status");
    o.Conventions.AuthorizePage("/Account/Logout", Policies.SignedIn);
    o.Conventions.AuthorizePage("/Account/Password", Policies.SignedIn);
    o.Conventions.AddPageApplicationModelConvention("/Account/Password", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(AuthApi.RateLimitPolicy)));
    o.Conventions.AllowAnonymousToPage("/Account/Login");
    o.Conventions.AllowAnonymousToPage("/Account/SetPassword");
    // The second step and enrolment are reached with the two-factor cookie, before any session.
    o.Conventions.AllowAnonymousToPage("/Account/SecondFactor");
    o.Conventions.AllowAnonymousToPage("/Account/Enrol");
    o.Conventions.AddPageApplicationModelConvention("/Account/SecondFactor", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(AuthApi.RateLimitPolicy)));
    o.Conventions.AddPageApplicationModelConvention("/Account/Enrol", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(AuthApi.RateLimitPolicy)));
    o.Conventions.AddPageApplicationModelConvention("/Account/SetPassword", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(AuthApi.RateLimitPolicy)));
    o.Conventions.AuthorizeFolder("/Accounts", Policies.AdministerAccounts);
    foreach (var heavyPage in HeavyWork.Pages)
    {
        o.Conventions.AddPageApplicationModelConvention(heavyPage, page => page.EndpointMetadata.Add(new HeavyWorkAttribute()));
    }
    o.Conventions.AddFolderApplicationModelConvention("/Accounts", page => page.Filters.Add(new PolicyOnPost(Policies.ChangeAccounts)));
    o.Conventions.AddPageApplicationModelConvention("/Account/Login", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(AuthApi.RateLimitPolicy)));
    o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
    o.Conventions.AllowAnonymousToPage("/Error");
}).AddViewLocalization().AddMvcOptions(o =>
{
    o.Filters.Add(new TypedTextGuard.PageFilter());
    o.Filters.Add(new ReadLog.PageFilter());
});
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();
builder.AddCustodyObservability();
var signInsPerMinute = builder.Configuration.GetValue("Custody:SignInAttemptsPerMinute", 10);
builder.Services.AddSingleton(HeavyWork.FromConfiguration(builder.Configuration));
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    // Password attempts per address, on the token endpoint and the sign-in page alike (showing the page is free).
    o.AddPolicy(AuthApi.RateLimitPolicy, http => HttpMethods.IsGet(http.Request.Method)
        ? RateLimitPartition.GetNoLimiter("page")
        : RateLimitPartition.GetFixedWindowLimiter(ClientAddress.KeyOf(http),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = signInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    var locatorPerMinute = builder.Configuration.GetValue("Custody:LocatorRequestsPerMinute", 30);
    o.AddPolicy(FacilitiesApi.LocatorRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
        ClientAddress.KeyOf(http),
        _ => new FixedWindowRateLimiterOptions { PermitLimit = locatorPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    // Reads per signed-in user: enough for any person's day at the screen, too few to copy the register page by page.
    var readsPerMinute = builder.Configuration.GetValue("Custody:ReadsPerUserPerMinute", 600);
    o.GlobalLimiter = new ReadsPerUser(readsPerMinute);
    o.OnRejected = (context, _) =>
    {
        Custody.Common.CustodyMetrics.RequestThrottled(context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "reads");
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        return ValueTask.CompletedTask;
    };
});

// No Server header: the product and version are nobody's business.
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

var app = builder.Build();
await app.InitializeDatabaseAsync();

app.UseRequestLog();
app.UseTransportSecurity(https);
app.UseCustodySecurityHeaders();

// One answer to a server fault per front door: ProblemDetails JSON under /api, the error page
// elsewhere; always 500, whatever the method (a failed page POST is not the user's 400).
static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");
app.UseWhen(IsApi, branch => branch.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandler = ApiResults.WriteServerErrorAsync,
    StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
}));
app.UseWhen(http => !IsApi(http), branch => branch.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/Error",
    StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
}));
app.UseStatusCodePages();
// API calls never name a static file: they skip the file-system check on the hot paths (the public locator).
app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), files => files.UseStaticFiles());
app.UseNoStore();
app.UseRouting();
// After routing, so that a public read (the locator, asked without credentials) can skip what cannot apply to it.
var cultures = new[] { new CultureInfo("en"), new CultureInfo("es") };
app.UseUnlessPublicRead(branch =>
{
    branch.UseRequestLocalization(new RequestLocalizationOptions
    {
        DefaultRequestCulture = new RequestCulture("en"),
        SupportedCultures = cultures,
        SupportedUICultures = cultures,
    }.ReadLanguageCookies());
    branch.UseAuthentication();
    branch.UseMiddleware<TokenStampCheck>();
});
PublicReads.MarkAuthenticationPlaced(app);
// After authentication: the read limit counts per signed-in user.
app.UseRateLimiter();
app.UseUnlessPublicRead(branch =>
{
    branch.UseAuthorization();
    branch.UseMiddleware<IdempotencyMiddleware>();
});
app.UseHeavyWorkLimit();

app.MapRazorPages();
var api = app.MapGroup("/api").CheckTypedText().LogReads();
// What every endpoint may answer besides its own results, stated once for the OpenAPI document:
// a server fault (ProblemDetails, 500) and, where a policy applies, 401 and 403.
((IEndpointConventionBuilder)api).Finally(endpoint =>
{
    endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status500InternalServerError, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
    if (endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any() && !endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
    {
        endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
    }
});
api.MapAuthApi();
api.MapAccountsApi();
api.MapPeopleApi();
api.MapInformationRequestsApi();
api.MapAgreementsApi();
api.MapImportsApi();
api.MapLedgerApi();
api.MapEvidence();
api.MapProductionApi();
api.MapCorrectionsApi();
api.MapScreeningApi();
api.MapCourtOrdersApi();
api.MapClassOrdersApi();
api.MapFactsApi();
api.MapTransfersApi();
api.MapFacilitiesApi();
api.MapRegisterApi();
api.MapBillingApi();
app.MapLanguageSwitch();
app.MapTransparencyLog();
app.MapStatistics();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapCustodyOperations();

await app.RunAsync();

/// <summary>The web app's entry point; public for WebApplicationFactory in tests.</summary>
public partial class Program;
