using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DulaRegistry.Cli.Commands;

namespace DulaRegistry.Tests;

/// <summary>`registry serve` as a real process: a taken port, a first build that fails, and the stale-preview banner.</summary>
public sealed partial class ServeTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [GeneratedRegex(@"^serving (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ServingLine();

    private static string[] ServeArgs(TempRegistry registry, params string[] more) =>
        ["serve", "--root", registry.Root, "--out", Path.Combine(registry.Root, "_site"), "--today", "2026-11-22", .. more];

    [Fact]
    public async Task A_port_in_use_exits_2_with_what_to_do()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var registry = Fixtures.Registry();
        var (exit, stdout, stderr) = await ToolProcess.RunAsync(ServeArgs(registry, "--port", port.ToString(CultureInfo.InvariantCulture)));
        exit.ShouldBe(2, stdout + stderr);
        stderr.ShouldContain($"port {port} is in use; pass --port with another number, or 0 for any free port");
        stderr.ShouldNotContain("DULA099");
        (stdout + stderr).ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_first_build_that_fails_exits_1_saying_there_is_nothing_to_serve()
    {
        using var registry = CliTests.ErrorsAndWarnings();
        var (exit, stdout, stderr) = await ToolProcess.RunAsync(ServeArgs(registry, "--port", "0"));
        exit.ShouldBe(1, stdout + stderr);
        stdout.ShouldContain("error DULA");
        stderr.ShouldContain("the first build failed, so there is no site to serve");
    }

    [Fact]
    public async Task A_failed_rebuild_keeps_the_last_good_site_with_a_banner_that_goes_once_fixed()
    {
        using var registry = Fixtures.Registry();
        using var serve = ToolProcess.Start(ServeArgs(registry, "--port", "0"));
        var url = ServingLine().Match(await serve.WaitForLineAsync(l => ServingLine().IsMatch(l))).Groups["url"].Value;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var page = url + $"agreements/{Fixtures.AgreementId}/";
        (await http.GetStringAsync(page)).ShouldNotContain(StaleBanner.Lead);

        var file = Path.Combine(registry.Root, Fixtures.AgreementPath);
        await File.WriteAllTextAsync(file, Fixtures.Agreement.Edit("status: executed", "status: signed"));
        var stale = await PollAsync(http, page, html => html.Contains(StaleBanner.Lead, StringComparison.Ordinal));
        // Right after <body …>, announced to screen readers, with the reason, and still the last good page.
        var body = stale.IndexOf("<body", StringComparison.Ordinal);
        var banner = stale.IndexOf("<div role=\"alert\"", StringComparison.Ordinal);
        banner.ShouldBe(stale.IndexOf('>', body) + 1);
        stale.ShouldContain("DULA012");
        stale.ShouldContain("agreements/DULA-2026-0007.md");
        stale.ShouldContain("(signed)");
        stale.ShouldContain(Fixtures.AgreementId);
        (await http.GetStringAsync(url)).ShouldContain(StaleBanner.Lead); // every page, the home page and the 404 included
        var notFound = await http.GetAsync(url + "no-such-page/");
        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await notFound.Content.ReadAsStringAsync()).ShouldContain(StaleBanner.Lead);
        (await http.GetStringAsync(url + "agreements.json")).ShouldNotContain(StaleBanner.Lead);
        serve.Stderr.ShouldContain("the rebuild failed");

        await File.WriteAllTextAsync(file, Fixtures.Agreement);
        await PollAsync(http, page, html => !html.Contains(StaleBanner.Lead, StringComparison.Ordinal));
        (await http.GetStringAsync(url)).ShouldNotContain(StaleBanner.Lead);

        // Stopping the server is its normal end.
        await ToolProcess.SignalAsync(serve.Id, "TERM");
        var (exit, stdout, stderr) = await serve.WaitForExitAsync();
        exit.ShouldBe(0, stdout + stderr);
        stderr.ShouldNotContain("DULA099");
    }

    [Fact]
    public void The_banner_goes_after_the_opening_body_tag_and_its_text_is_encoded()
    {
        var banner = new StaleBanner();
        banner.Failed(["agreements/x.md(1,1): error DULA012: <script>alert(1)</script> & more"]);
        var html = StaleBanner.Inject("<!doctype html><html><head><title>t</title></head><body class=\"page\"><main>x</main></body></html>", banner.Html!);
        html.ShouldNotBeNull();
        html.ShouldContain("<body class=\"page\"><div role=\"alert\"");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
        html.ShouldNotContain("<script>");
        StaleBanner.Inject("<bodyless>no body here</bodyless>", banner.Html!).ShouldBeNull();

        banner.Failed([.. Enumerable.Range(1, 12).Select(i => $"error {i}")]);
        banner.Html!.ShouldContain("error 5");
        banner.Html!.ShouldNotContain("error 6");
        banner.Html!.ShouldContain("and 7 more");
        banner.Succeeded();
        banner.Html.ShouldBeNull();
    }

    /// <summary>Fetches the page until it satisfies the condition, for at most <see cref="s_wait"/>.</summary>
    private static async Task<string> PollAsync(HttpClient http, string url, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + s_wait;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = await http.GetStringAsync(url);
            if (done(last)) return last;
            await Task.Delay(200);
        }
        throw new TimeoutException($"{url} did not change as expected within {s_wait.TotalSeconds} s; last response:\n{last}");
    }
}
