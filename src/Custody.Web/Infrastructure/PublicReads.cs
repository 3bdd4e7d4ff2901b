namespace Custody.Web.Infrastructure;

/// <summary>
/// The public reads on the hot path (the locator): an anonymous endpoint marked with
/// <see cref="AsPublicRead"/>, asked with GET or HEAD by a caller who sends no credentials, skips what
/// cannot apply to it — authentication and the bearer stamp check (there is nothing to authenticate),
/// authorization (the endpoint allows anyone), idempotency (a read) and request localization (the
/// answer is data, the same in either language). It keeps everything else: transport security, the
/// security headers, no-store, the rate limits, the endpoint filters and the one error mapping.
/// A caller who sends a token or a cookie takes the whole pipeline, as everywhere else.
/// </summary>
public static class PublicReads
{
    private sealed class PublicReadMarker;

    private static readonly PublicReadMarker Marker = new();

    /// <summary>Marks an endpoint as a public read: it must allow anonymous callers, which this does.</summary>
    public static RouteHandlerBuilder AsPublicRead(this RouteHandlerBuilder endpoint) =>
        endpoint.AllowAnonymous().WithMetadata(Marker);

    /// <summary>Whether this request is an uncredentialed read of a public-read endpoint (after routing).</summary>
    public static bool Applies(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey("Authorization") && !request.Headers.ContainsKey("Cookie")
            && http.GetEndpoint() is { } endpoint && IsPublicRead(endpoint);
    }

    /// <summary>Whether an endpoint was marked with <see cref="AsPublicRead"/>.</summary>
    public static bool IsPublicRead(Endpoint endpoint) => endpoint?.Metadata.GetMetadata<PublicReadMarker>() is not null;

    /// <summary>The middleware that every other request goes through, in their order; a public read skips them.</summary>
    public static void UseUnlessPublicRead(this IApplicationBuilder app, Action<IApplicationBuilder> middleware) =>
        app.UseWhen(http => !Applies(http), middleware);

    /// <summary>
    /// Tells the host that authentication and authorization are in the pipeline. Placed inside a branch
    /// (<see cref="UseUnlessPublicRead"/>), they mark only the branch's copy of the builder's properties, and
    /// WebApplication would then add both again at the very start, before routing, where every endpoint
    /// looks unauthorized. The keys are those <c>UseAuthentication</c> and <c>UseAuthorization</c> set.
    /// </summary>
    public static void MarkAuthenticationPlaced(IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Properties["__AuthenticationMiddlewareSet"] = true;
        app.Properties["__AuthorizationMiddlewareSet"] = true;
    }
}
