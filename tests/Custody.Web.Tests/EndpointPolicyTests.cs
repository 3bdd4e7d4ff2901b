using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Custody.Web.Tests;

public sealed class EndpointPolicyTests(CustodyWebFactory factory) : IClassFixture<CustodyWebFactory>
{
    [Fact]
    public void EveryEndpoint_NamesAPolicyOrAllowsAnonymousExplicitly()
    {
        factory.Anonymous(); // builds the host
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var unguarded = endpoints.Where(e =>
                e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles)))
            .Select(e => e.RoutePattern.RawText ?? e.DisplayName)
            .ToList();

        Assert.True(endpoints.Count > 15, $"only {endpoints.Count} endpoints found");
        Assert.Empty(unguarded);
    }

    [Fact]
    public void AnonymousEndpoints_AreOnlyThePublicOnes()
    {
        factory.Anonymous();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.RoutePattern.RawText ?? "").ToList();

        // The transparency log is public by design (checkpoints, the log key and hash tiles carry hashes of salted entries
        // only), and so are the statistics (counts, the small ones suppressed).
        Assert.All(anonymous, route => Assert.Matches("^(/?statistics/(facilities|fees)\\.csv|/?statistics/held\\.svg|Statistics|Statistics/Index|/?checkpoint|/?checkpoints/\\{size:long\\}|/?log-key|/?tile/\\{level:int\\}/\\{\\*\\*index\\}|/?health(/live|/ready)?|/?metrics|/?api/auth/token|/?api/auth/refresh|/?language/\\{culture\\}|/?openapi/.*|/?scalar.*|/?api/locator|Locator|Locator/Index|/?api/information-requests/?|/?api/information-requests/status/\\{token\\}|Requests/New|Requests/Status/\\{token\\}|Account/Login|Account/SetPassword|Account/SecondFactor|Account/Enrol|Account/AccessDenied|Error)$", route));
    }
}
