using Microsoft.AspNetCore.Http;

namespace Baton.Web.Security;

/// <summary>
/// The first middleware: refuses a request whose Host is not the server's (400), that lacks the token when one is
/// required (401: every path, the page and its script included), or that changes state or opens an event stream
/// from a foreign origin (403). <c>?token=</c> on a page address logs in: the token goes into an HttpOnly,
/// SameSite=Strict cookie and the browser is sent to the same address without it.
/// </summary>
public sealed class AccessGuard(RequestDelegate next, AccessPolicy policy)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!request.Host.HasValue || !policy.IsAllowedHost(request.Host.Host))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "unknown Host: this server answers to its own address only").ConfigureAwait(false);
            return;
        }
        if (policy.RequiresToken && !await AuthenticateAsync(context).ConfigureAwait(false)) return;
        if ((IsStateChanging(request.Method) || IsEventStream(request)) && !IsSameOrigin(request))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "cross-origin request refused").ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    }

    private async Task<bool> AuthenticateAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Query.TryGetValue("token", out var given))
        {
            if (!policy.IsValidToken(given.ToString()))
            {
                await RefuseAsync(context, StatusCodes.Status401Unauthorized, "wrong token").ConfigureAwait(false);
                return false;
            }
            context.Response.Cookies.Append(AccessPolicy.CookieName, given.ToString(), new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true,
            });
            var query = QueryString.Create(request.Query.Where(q => q.Key != "token"));
            context.Response.Redirect(request.PathBase + request.Path + query);
            return false;
        }
        string? header = request.Headers[AccessPolicy.HeaderName];
        string? bearer = request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
        string? cookie = request.Cookies[AccessPolicy.CookieName];
        if (policy.IsValidToken(header) || policy.IsValidToken(bearer) || policy.IsValidToken(cookie)) return true;
        await RefuseAsync(context, StatusCodes.Status401Unauthorized,
            "a token is required: open the address baton serve printed (…/?token=…), or send it in the X-Baton-Token header").ConfigureAwait(false);
        return false;
    }

    private static bool IsStateChanging(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static bool IsEventStream(HttpRequest request) =>
        request.Path.Value?.EndsWith("/events", StringComparison.Ordinal) == true
        || request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary>An Origin, when sent, must be this server's; a browser's Sec-Fetch-Site must not say another site.
    /// Clients that are not browsers send neither.</summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        string site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site") return false;
        string origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        return string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }

    private static Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n");
    }
}
