using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using DulaRegistry.Loading;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.ViewModels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
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

    /// <summary>The examples at the end of <c>--help</c>.</summary>
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry serve", "preview the site on http://127.0.0.1:8080, rebuilt on every save"),
        new("registry serve --port 0", "on any free port"),
    ];

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
        return command.WithExamples(Examples);
    }

    private static async Task<ExitCode> RunAsync(SiteBuildOptions options, bool followClock, int port, CancellationToken cancellationToken)
    {
        // Checked before the build, which may take a while, and again by Kestrel itself.
        if (PortProblem(port) is { } taken)
        {
            Console.Error.WriteLine($"registry: {taken}");
            return ExitCode.Usage;
        }
        var first = await BuildCommand.RunAsync(options, Console.Out, cancellationToken).ConfigureAwait(false);
        if (first.Exit != ExitCode.Ok)
        {
            if (first.Exit == ExitCode.ValidationFailed)
            {
                Console.Error.WriteLine("registry: the first build failed, so there is no site to serve; fix the errors above and run 'registry serve' again");
            }
            return first.Exit;
        }

        var urls = new SiteUrls(options.BaseUrl);
        var basePath = urls.BasePath.TrimEnd('/');
        var banner = new StaleBanner();
        var app = CreateApp(options.Output, basePath, port, banner);
        try
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or AddressInUseException or SocketException)
            {
                Console.Error.WriteLine($"registry: {ListenProblem(port, ex)}");
                return ExitCode.Usage;
            }
            var address = app.Urls.FirstOrDefault() ?? $"http://127.0.0.1:{port}";
            Console.WriteLine($"serving {address.TrimEnd('/')}{basePath}/ (Ctrl+C to stop); rebuilding when agencies/, agreements/ or registry.yml change");

            await using (var rebuild = new Rebuilder(options, followClock, banner, cancellationToken))
            using (Watch(options.Root, rebuild.Schedule))
            {
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            Console.Error.WriteLine("registry: stopped");
            return ExitCode.Ok;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string PortMessage(int port) => $"port {port} is in use; pass --port with another number, or 0 for any free port";

    /// <summary>Why Kestrel could not listen, in words that say what to do.</summary>
    private static string ListenProblem(int port, Exception ex) =>
        ex is AddressInUseException || ex.InnerException is AddressInUseException
            ? PortMessage(port)
            : $"cannot listen on 127.0.0.1:{port} ({ex.Message}); pass --port with another number, or 0 for any free port";

    /// <summary>Tries the port (briefly) so that a taken one is reported at once rather than after a long build.</summary>
    private static string? PortProblem(int port)
    {
        if (port == 0) return null;
        var probe = new TcpListener(IPAddress.Loopback, port);
        try
        {
            probe.Start();
            return null;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return PortMessage(port);
        }
        catch (SocketException ex)
        {
            return $"cannot listen on 127.0.0.1:{port} ({ex.Message}); pass --port with another number, or 0 for any free port";
        }
        finally
        {
            probe.Stop();
            probe.Dispose();
        }
    }

    private static WebApplication CreateApp(string output, string basePath, int port, StaleBanner banner)
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
        banner.Use(app);

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

    /// <summary>
    /// Rebuilds once changes have settled (debounced), one build at a time. A rebuild that fails, for any reason, says why
    /// in the terminal and in a banner on every page, and the last good site stays served.
    /// </summary>
    private sealed class Rebuilder : IAsyncDisposable
    {
        private readonly SiteBuildOptions _options;
        private readonly bool _followClock;
        private readonly StaleBanner _banner;
        private readonly CancellationToken _stopping;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Timer _timer;

        public Rebuilder(SiteBuildOptions options, bool followClock, StaleBanner banner, CancellationToken stopping)
        {
            _options = options;
            _followClock = followClock;
            _banner = banner;
            _stopping = stopping;
            _timer = new Timer(_ => _ = RebuildAsync(), null, Timeout.Infinite, Timeout.Infinite);
        }

        /// <summary>Called on every file event; the build starts once no event came for the debounce interval.</summary>
        public void Schedule()
        {
            try
            {
                _timer.Change(s_debounce, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Stopping: no more rebuilds.
            }
        }

        private async Task RebuildAsync()
        {
            try
            {
                await _gate.WaitAsync(_stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return; // stopping
            }
            try
            {
                Console.WriteLine("change detected; rebuilding");
                var options = _followClock ? _options with { Today = DateOnly.FromDateTime(DateTime.Now) } : _options;
                var outcome = await BuildCommand.RunAsync(options, Console.Out, _stopping).ConfigureAwait(false);
                if (outcome.Exit == ExitCode.Ok) _banner.Succeeded();
                else Failed(outcome.Problems);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Stopping: the build cleaned up after itself.
            }
            catch (Exception ex)
            {
                // Anything at all: serve must never go silent, nor stop serving the last good site.
                Console.Error.WriteLine($"registry: {ex.GetType().Name}: {ex.Message}");
                Failed([ex.Message]);
            }
            finally
            {
                _gate.Release();
            }
        }

        private void Failed(IReadOnlyList<string> problems)
        {
            _banner.Failed(problems);
            Console.Error.WriteLine("registry: the rebuild failed (see above); still serving the last good site, with a banner on every page saying so until a rebuild succeeds");
        }

        /// <summary>Stops scheduling and waits for a running rebuild to finish or give up (it observes the same token).</summary>
        public async ValueTask DisposeAsync()
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
            await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            _gate.Dispose();
        }
    }
}
