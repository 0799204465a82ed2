using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace DulaRegistry.Benchmarks;

/// <summary>
/// <c>browser SITE_DIR [ROUNDS]</c>: a built site in headless Chromium (Playwright, Debian's /usr/bin/chromium), served
/// from this process on 127.0.0.1 with caching off. Per round, each in a fresh browser context (cold cache): the home
/// page's load time (navigation start to the load event, from the Navigation Timing entry), and for a few queries the
/// time from the query's input event in the home page's search box (filled at once, as a paste, right after focusing it)
/// to the first live result on screen (measured in the page: an input listener stamps the input, a MutationObserver the
/// first result link). Also the HTML bytes of the
/// home and index pages. Prints every round and the medians.
/// </summary>
internal static class BrowserBenchmark
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private const string Probe = """
        () => {
          window.__bench = { typed: 0, shown: 0 };
          const input = document.getElementById('search-input');
          input.addEventListener('input', () => { if (!window.__bench.typed) window.__bench.typed = performance.now(); }, true);
          new MutationObserver(() => {
            if (!window.__bench.shown && document.querySelector('#search-results a.search-results__link')) window.__bench.shown = performance.now();
          }).observe(document.getElementById('search-results') || document.body, { childList: true, subtree: true });
        }
        """;

    public static async Task RunAsync(string site, int rounds)
    {
        site = Path.GetFullPath(site);
        if (!File.Exists(Path.Combine(site, "index.html"))) throw new ArgumentException($"{site} has no index.html: pass the output folder of `registry build`.");
        PrintPageSizes(site);

        var queries = Queries(site);
        using var server = StaticServer.Start(site);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });

        var loads = new List<double>();
        var searches = queries.ToDictionary(q => q, _ => new List<double>(), StringComparer.Ordinal);
        for (var round = 1; round <= rounds; round++)
        {
            var load = await HomeLoadAsync(browser, server.Origin);
            loads.Add(load);
            var line = $"round {round}: home loaded in {load,6:0} ms";
            foreach (var query in queries)
            {
                var ms = await FirstResultAsync(browser, server.Origin, query);
                searches[query].Add(ms);
                line += $" | \"{query}\" first result {ms,6:0} ms";
            }
            Console.WriteLine(line);
        }
        Console.WriteLine($"median: home loaded in {Median(loads):0} ms" + string.Concat(queries.Select(q => $"; \"{q}\" first result {Median(searches[q]):0} ms")));
    }

    /// <summary>The HTML bytes of the pages a reader opens first: home, the indexes, the graph, and the largest of their kinds.</summary>
    private static void PrintPageSizes(string site)
    {
        static long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : -1;
        string[] fixedPages = ["index.html", "agreements/index.html", "agencies/index.html", "graph/index.html"];
        foreach (var page in fixedPages) Console.WriteLine($"{page,-40} {Size(Path.Combine(site, page)),12:N0} bytes");
        void Largest(string label, IEnumerable<string> files)
        {
            var biggest = files.Select(f => (File: f, Bytes: Size(f))).OrderByDescending(f => f.Bytes).FirstOrDefault();
            if (biggest.File is not null) Console.WriteLine($"{label,-40} {biggest.Bytes,12:N0} bytes ({Path.GetRelativePath(site, biggest.File)})");
        }
        var agreements = Path.Combine(site, "agreements");
        Largest("largest listing page", Directory.EnumerateFiles(agreements, "index.html", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(agreements, f).StartsWith("year", StringComparison.Ordinal) || Path.GetRelativePath(agreements, f).StartsWith("page", StringComparison.Ordinal)));
        Largest("largest agency page", Directory.EnumerateDirectories(Path.Combine(site, "agencies")).Select(d => Path.Combine(d, "index.html")));
        Largest("largest agreement page", Directory.EnumerateDirectories(agreements).Where(d => Path.GetFileName(d).Contains('-', StringComparison.Ordinal)).Select(d => Path.Combine(d, "index.html")));
    }

    /// <summary>A word most agreements share, a typo of it, and an exact agreement id (the registry's middle one).</summary>
    private static List<string> Queries(string site)
    {
        var ids = Directory.EnumerateDirectories(Path.Combine(site, "agreements")).Select(Path.GetFileName).OfType<string>()
            .Where(n => n.Contains('-', StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var queries = new List<string> { "wage", "eligibilty" };
        if (ids.Count > 0) queries.Add(ids[ids.Count / 2]);
        return queries;
    }

    private static async Task<double> HomeLoadAsync(IBrowser browser, string origin)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(origin + "/", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return await page.EvaluateAsync<double>("() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd > 0 ? n.loadEventEnd - n.startTime : performance.now(); }");
    }

    private static async Task<double> FirstResultAsync(IBrowser browser, string origin, string query)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(origin + "/", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.EvaluateAsync(Probe);
        await page.Locator("#search-input").ClickAsync();
        await page.Locator("#search-input").FillAsync(query); // one input event, as a paste: the wait is the search's, not the typing's
        await page.Locator("#search-results a.search-results__link").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        return await page.EvaluateAsync<double>("() => window.__bench.shown - window.__bench.typed");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>A static file server for one folder at the origin's root (x/ is x/index.html), no caching, one request at a time per connection.</summary>
    private sealed class StaticServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly string _root;

        private StaticServer(string root, int port)
        {
            _root = root;
            Origin = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
            _listener.Prefixes.Add(Origin + "/");
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public string Origin { get; }

        public static StaticServer Start(string root)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return new StaticServer(root, port);
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                _ = Task.Run(() => ServeAsync(context));
            }
        }

        private async Task ServeAsync(HttpListenerContext context)
        {
            var response = context.Response;
            try
            {
                var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath).TrimStart('/');
                if (relative.Length == 0 || relative.EndsWith('/')) relative += "index.html";
                var file = Path.GetFullPath(Path.Combine(_root, relative));
                if (!file.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
                {
                    response.StatusCode = 404;
                    return;
                }
                response.ContentType = Path.GetExtension(file) switch
                {
                    ".html" => "text/html; charset=utf-8",
                    ".css" => "text/css; charset=utf-8",
                    ".js" => "text/javascript; charset=utf-8",
                    ".json" => "application/json; charset=utf-8",
                    ".svg" => "image/svg+xml",
                    ".woff2" => "font/woff2",
                    _ => "application/octet-stream",
                };
                response.Headers["Cache-Control"] = "no-store";
                var bytes = await File.ReadAllBytesAsync(file);
                response.ContentLength64 = bytes.Length;
                await response.OutputStream.WriteAsync(bytes);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The browser went away mid-response: nothing to do.
            }
            finally
            {
                response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
