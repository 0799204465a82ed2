using System.CommandLine;
using System.Net;
using DulaRegistry.Loading;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.ViewModels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DulaRegistry.Cli.Commands;

/// <summary><c>registry serve</c>: build the site, serve it on 127.0.0.1 with Kestrel, rebuild when the registry changes.</summary>
internal static class ServeCommand
{
    private static readonly TimeSpan s_debounce = TimeSpan.FromMilliseconds(300);

    public static Command Create()
    {
        var root = CommonOptions.Root();
        var output = BuildCommand.Out();
        var baseUrl = BuildCommand.BaseUrl();
        var today = CommonOptions.Today();
        var port = new Option<int>("--port")
        {
            Description = "The port to listen on, on 127.0.0.1 only (0 picks a free one)",
            DefaultValueFactory = _ => 8080,
            HelpName = "PORT",
        };
        port.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < 0 or > 65535) result.AddError($"--port {value} is not a port; use 1 to 65535, or 0 for any free port");
        });
        var command = new Command("serve", "Build the site and serve it on http://127.0.0.1:PORT, rebuilding when agencies/, agreements/ or registry.yml change")
        {
            root, output, baseUrl, port, today,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(root)!;
            if (!CommonOptions.CheckRoot(folder)) return (int)ExitCode.Usage;
            var todayValue = parse.GetValue(today);
            var options = BuildCommand.Options(folder, parse.GetValue(output), parse.GetValue(baseUrl), CommonOptions.ResolveToday(todayValue));
            return (int)await RunAsync(options, todayValue is null, parse.GetValue(port), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<ExitCode> RunAsync(SiteBuildOptions options, bool followClock, int port, CancellationToken cancellationToken)
    {
        var first = await BuildCommand.RunAsync(options, Console.Out, cancellationToken).ConfigureAwait(false);
        if (first != ExitCode.Ok) return first;

        var urls = new SiteUrls(options.BaseUrl);
        var basePath = urls.BasePath.TrimEnd('/');
        var app = CreateApp(options.Output, basePath, port);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Urls.FirstOrDefault() ?? $"http://127.0.0.1:{port}";
        Console.WriteLine($"serving {address.TrimEnd('/')}{basePath}/ (Ctrl+C to stop); rebuilding when agencies/, agreements/ or registry.yml change");

        using var rebuild = new Rebuilder(options, followClock);
        using var watcher = Watch(options.Root, rebuild.Schedule);
        try
        {
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
        return ExitCode.Ok;
    }

    private static WebApplication CreateApp(string output, string basePath, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = output });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();

        // The provider resolves paths on each request, so it keeps serving the folder that each rebuild swaps in.
        var files = new PhysicalFileProvider(output);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".ics"] = "text/calendar; charset=utf-8";
        types.Mappings[".csv"] = "text/csv; charset=utf-8";
        var prefix = new PathString(basePath);

        if (basePath.Length > 0)
        {
            // Outside the base path only "/" and the base path without its slash lead somewhere: to the site.
            app.Use((context, next) =>
            {
                var path = context.Request.Path.Value;
                if (path is "/" or "" || path == basePath)
                {
                    context.Response.Redirect(basePath + "/");
                    return Task.CompletedTask;
                }
                return next(context);
            });
        }
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = prefix });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = prefix,
            ContentTypeProvider = types,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.Run(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            var notFound = files.GetFileInfo("404.html");
            if (notFound.Exists && notFound.PhysicalPath is { } path)
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.SendFileAsync(path).ConfigureAwait(false);
            }
        });
        return app;
    }

    private static FileSystemWatcher Watch(string root, Action changed)
    {
        var watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        void OnChange(string fullPath)
        {
            var relative = Path.GetRelativePath(root, fullPath).Replace('\\', '/');
            if (relative == RegistryLoader.SettingsFile
                || relative.StartsWith(RegistryLoader.AgenciesFolder + "/", StringComparison.Ordinal)
                || relative.StartsWith(RegistryLoader.AgreementsFolder + "/", StringComparison.Ordinal)
                || relative is RegistryLoader.AgenciesFolder or RegistryLoader.AgreementsFolder)
            {
                changed();
            }
        }
        watcher.Changed += (_, e) => OnChange(e.FullPath);
        watcher.Created += (_, e) => OnChange(e.FullPath);
        watcher.Deleted += (_, e) => OnChange(e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            OnChange(e.OldFullPath);
            OnChange(e.FullPath);
        };
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    /// <summary>Rebuilds once changes have settled (debounced), one build at a time; a failed rebuild keeps the previous site.</summary>
    private sealed class Rebuilder : IDisposable
    {
        private readonly SiteBuildOptions _options;
        private readonly bool _followClock;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Timer _timer;

        public Rebuilder(SiteBuildOptions options, bool followClock)
        {
            _options = options;
            _followClock = followClock;
            _timer = new Timer(_ => _ = RebuildAsync(), null, Timeout.Infinite, Timeout.Infinite);
        }

        /// <summary>Called on every file event; the build starts once no event came for the debounce interval.</summary>
        public void Schedule() => _timer.Change(s_debounce, Timeout.InfiniteTimeSpan);

        private async Task RebuildAsync()
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                Console.WriteLine("change detected; rebuilding");
                var options = _followClock ? _options with { Today = DateOnly.FromDateTime(DateTime.Now) } : _options;
                await BuildCommand.RunAsync(options, Console.Out, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"registry: the rebuild failed ({ex.Message}); the previous site is still served");
            }
            finally
            {
                _gate.Release();
            }
        }

        public void Dispose()
        {
            _timer.Dispose();
            _gate.Dispose();
        }
    }
}
