using Microsoft.Playwright;

namespace DulaRegistry.Site.Tests.Infrastructure;

/// <summary>
/// One headless Debian chromium, driven by Playwright, and the fixture site served under <see cref="BuiltSite.BaseUrl"/>;
/// shared by the browser test classes. A missing chromium fails the tests with a message saying how to install it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] s_args =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private StaticSiteServer? _server;
    private Exception? _startError;

    public BuiltSite Site { get; private set; } = default!;

    /// <summary><c>http://127.0.0.1:PORT/registry/</c>.</summary>
    public string BaseAddress { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Site = await BuiltSite.Instance;
        _server = await StaticSiteServer.StartAsync(Site.Output, BuiltSite.BaseUrl);
        BaseAddress = _server.Origin + BuiltSite.BaseUrl;
        if (!File.Exists(ChromiumPath))
        {
            _startError = new InvalidOperationException(
                $"The browser tests need Debian's chromium at {ChromiumPath}, and it is not installed. " +
                "Install it with `apt-get install -y chromium` (.ci/run does this when it is missing).");
            return;
        }
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = s_args,
                Timeout = 30_000,
            });
        }
        catch (PlaywrightException e)
        {
            _startError = new InvalidOperationException($"Chromium at {ChromiumPath} did not start under Playwright: {e.Message}", e);
        }
    }

    /// <summary>A new page in a new context (fresh storage), with a short default timeout.</summary>
    public async Task<IPage> NewPageAsync()
    {
        if (_startError is not null) throw _startError;
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(30_000); // Playwright's own default: a shared CI machine can be slow
        return await context.NewPageAsync();
    }

    /// <summary>The absolute URL of a site path (relative to the base, no leading slash).</summary>
    public string Url(string sitePath) => BaseAddress + sitePath;

    /// <summary>
    /// Waits until <paramref name="page"/> is at <paramref name="url"/> (a Playwright URL pattern) and its document is parsed to
    /// its footer (the layout's last element), not for its load event: a CI run once waited 30 s for that event after a click,
    /// the network long idle.
    /// </summary>
    public static async Task ArrivedAsync(IPage page, string url)
    {
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await Parsed(page);
    }

    /// <summary><see cref="ArrivedAsync(IPage, string)"/> for the first address <paramref name="url"/> accepts.</summary>
    public static async Task ArrivedAsync(IPage page, Func<string, bool> url)
    {
        await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await Parsed(page);
    }

    private static Task Parsed(IPage page) => page.Locator("footer.site-footer").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }
}
