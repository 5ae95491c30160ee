using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;

namespace Baton.Web.Security;

/// <summary>
/// Endpoint metadata: the largest request body the endpoint accepts (routing hands it to Kestrel). Every other
/// endpoint gets <see cref="Default"/>, the server's own limit; the dashboard uploads nothing.
/// </summary>
public sealed class BodyLimit(long bytes) : IRequestSizeLimitMetadata
{
    /// <summary>The server's limit, and a backtest request's: a strategy name, parameter overrides, a data choice, a window.</summary>
    public const long Default = 64 * 1024;

    /// <summary>A stop's reason.</summary>
    public static readonly BodyLimit Small = new(4 * 1024);

    public long? MaxRequestBodySize { get; } = bytes;

    /// <summary>Reads a request's body in full before its endpoint sees it, within the endpoint's limit: a body over it
    /// (by its Content-Length, or as it arrives) is refused with 413 and a message naming the limit, before any of it
    /// is kept beyond the limit.</summary>
    public static async Task EnforceAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.Request;
        long max = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? Default;
        if (request.ContentLength > max)
        {
            await TooLargeAsync(context, max).ConfigureAwait(false);
            return;
        }
        if (request.ContentLength is not 0 && (request.ContentLength is not null || request.Headers.TransferEncoding.Count > 0))
        {
            request.EnableBuffering(bufferThreshold: (int)Math.Min(max, Default), bufferLimit: max);
            try
            {
                await request.Body.DrainAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await TooLargeAsync(context, max).ConfigureAwait(false);
                return;
            }
            catch (IOException)
            {
                await TooLargeAsync(context, max).ConfigureAwait(false);
                return;
            }
            request.Body.Position = 0;
        }
        await next(context).ConfigureAwait(false);
    }

    private static Task TooLargeAsync(HttpContext context, long max) =>
        AccessGuard.RefuseAsync(context, StatusCodes.Status413PayloadTooLarge,
            $"the request body is larger than the {max:N0} bytes {context.Request.Method} {ErrorEcho.Cut(context.Request.Path.Value, 100)} accepts");
}
