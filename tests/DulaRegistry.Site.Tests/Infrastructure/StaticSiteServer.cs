using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DulaRegistry.Site.Tests.Infrastructure;

/// <summary>
/// Serves a built site under a sub-path on 127.0.0.1 and a free port, as GitHub Pages serves a project site:
/// <c>/registry/x/</c> is <c>x/index.html</c>, an unknown path gets <c>404.html</c> with status 404, and nothing
/// outside the sub-path exists.
/// </summary>
public sealed class StaticSiteServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticSiteServer(WebApplication app, string origin)
    {
        _app = app;
        Origin = origin;
    }

    /// <summary><c>http://127.0.0.1:PORT</c>, without a trailing slash.</summary>
    public string Origin { get; }

    public static async Task<StaticSiteServer> StartAsync(string root, string basePath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".ics"] = "text/calendar";
        types.Mappings[".webmanifest"] = "application/manifest+json";
        var rootFull = Path.GetFullPath(root);

        app.Run(async context =>
        {
            var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/");
            if (!path.StartsWith(basePath, StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            var relative = path[basePath.Length..];
            if (relative.Length == 0 || relative.EndsWith('/')) relative += "index.html";
            var file = Path.GetFullPath(Path.Combine(rootFull, relative));
            var inside = file.StartsWith(rootFull + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            if (inside && !File.Exists(file) && Directory.Exists(file))
            {
                // GitHub Pages redirects /x to /x/ for a folder.
                context.Response.Redirect(basePath + relative + "/");
                return;
            }
            var status = StatusCodes.Status200OK;
            if (!inside || !File.Exists(file))
            {
                file = Path.Combine(rootFull, "404.html");
                status = StatusCodes.Status404NotFound;
                if (!File.Exists(file))
                {
                    context.Response.StatusCode = status;
                    return;
                }
            }
            context.Response.StatusCode = status;
            context.Response.ContentType = types.TryGetContentType(file, out var type) ? type : "application/octet-stream";
            if (context.Response.ContentType.StartsWith("text/", StringComparison.Ordinal) || type is "application/javascript" or "application/json")
            {
                context.Response.ContentType += "; charset=utf-8";
            }
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.SendFileAsync(file);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StaticSiteServer(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
