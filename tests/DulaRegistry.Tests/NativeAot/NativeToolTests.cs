using System.Net;
using System.Text.RegularExpressions;
using DulaRegistry.Tests.GitHub;
using DulaRegistry.Tests.Publishing;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Tests.NativeAot;

/// <summary>
/// The native executable does what the JIT-compiled tool does, byte for byte: the same site from a Git registry with
/// history (cold and incremental), the same diagnostics on hostile input, the same change rules against a base, the same
/// schemas, the same GitHub conversation with a fake API, a signed publication the other one verifies, and a preview
/// server. Each test runs both on the same input; what differs is only the time each one prints.
/// </summary>
[Collection(NativeToolGroup.Name)]
public sealed partial class NativeToolTests(NativeTool native)
{
    private const string Today = "2026-11-22";

    private sealed record Run(int Exit, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
    }

    /// <summary>"(0.12 s)", "in 1.5 s": the only part of the tool's output that may differ between two runs.</summary>
    [GeneratedRegex(@"\d+(\.\d+)? s\b")]
    private static partial Regex Seconds();

    private static string Timeless(string text) => Seconds().Replace(text, "N s");

    private async Task<Run> RunAsync(bool isNative, string[] args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = isNative ? native.StartInfo(args) : ToolProcess.StartInfo(args);
        start.Environment.Remove("GITHUB_STEP_SUMMARY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) start.Environment[name] = value;
        var (exit, stdout, stderr) = await ToolProcess.RunAsync(start);
        (stdout + stderr).ShouldNotContain("   at ", customMessage: "a stack trace");
        return new Run(exit, stdout, stderr);
    }

    /// <summary>Runs the JIT-compiled tool and the native one with the same arguments; their output must match but for times.</summary>
    private async Task<Run> BothAsync(string[] args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var jit = await RunAsync(false, args, environment);
        var aot = await RunAsync(true, args, environment);
        aot.Exit.ShouldBe(jit.Exit, aot.All);
        Timeless(aot.Stdout).ShouldBe(Timeless(jit.Stdout));
        Timeless(aot.Stderr).ShouldBe(Timeless(jit.Stderr));
        return aot;
    }

    /// <summary>The Actions environment that points the tool at <paramref name="fake"/>.</summary>
    private static Dictionary<string, string?> GitHubEnvironment(FakeGitHub fake, string token) => new()
    {
        ["GITHUB_API_URL"] = fake.ApiUrl.ToString(),
        ["GITHUB_TOKEN"] = token,
        ["GITHUB_REPOSITORY"] = FakeGitHub.Repo,
    };

    [Fact]
    public async Task The_site_of_a_registry_with_history_is_byte_identical_cold_and_incremental()
    {
        using var scenario = new PublishScenario();
        string[] Build(string output) => ["build", "--root", scenario.Root, "--out", scenario.Out(output), "--today", Today];

        var jit = await RunAsync(false, Build("jit"));
        jit.Exit.ShouldBe(0, jit.All);
        var aot = await RunAsync(true, Build("native"));
        aot.Exit.ShouldBe(0, aot.All);
        Timeless(aot.Stdout.Replace(scenario.Out("native"), "OUT", StringComparison.Ordinal))
            .ShouldBe(Timeless(jit.Stdout.Replace(scenario.Out("jit"), "OUT", StringComparison.Ordinal)));
        FolderSnapshot.ShouldMatch(scenario.Out("jit"), scenario.Out("native"));
        File.Exists(Path.Combine(scenario.Out("native"), "agreements", PublishScenario.BId, "index.html")).ShouldBeTrue();

        // One agreement changed: the native build updates its site from its cache, and the result is what a cold build makes.
        File.WriteAllText(Path.Combine(scenario.Root, "agreements", PublishScenario.BId + ".md"),
            PublishScenario.ExecutedB.Edit("title: Second wage match", "title: Second wage match, renamed"));
        (await RunAsync(true, Build("native"))).Exit.ShouldBe(0);
        (await RunAsync(false, Build("jit-cold"))).Exit.ShouldBe(0);
        FolderSnapshot.ShouldMatch(scenario.Out("jit-cold"), scenario.Out("native"));
        File.ReadAllText(Path.Combine(scenario.Out("native"), "agreements", PublishScenario.BId, "index.html")).ShouldContain("Second wage match, renamed");
    }

    [Fact]
    public async Task Hostile_input_gets_the_same_diagnostics_in_text_and_json()
    {
        using var registry = CliTests.ErrorsAndWarnings()
            .Write("agreements/DULA-2026-0101.md", "---\nid: DULA-2026-0101\ntitle: [unclosed\n---\n")
            .Write("agreements/DULA-2026-0102.md", Fixtures.Agreement.Edit("id: DULA-2026-0007", "id: DULA-2026-0102").Edit("title: SNAP eligibility wage match", "colour: blue\ntitle: SNAP eligibility wage match"))
            .Write("agreements/DULA-2026-0103.md", "\0\u0001binary\0");
        foreach (var format in new[] { "text", "json" })
        {
            var run = await BothAsync(["validate", "--root", registry.Root, "--format", format, "--today", Today]);
            run.Exit.ShouldBe(1, run.All);
            run.Stdout.ShouldContain(C.YamlSyntax);
            run.Stdout.ShouldContain("DULA-2026-0103.md");
        }
    }

    [Fact]
    public async Task Change_rules_against_a_base_revision_read_Git_the_same_way()
    {
        using var scenario = ChangeScenario.With(Fixtures.Agreement);
        var clean = await BothAsync(["validate", "--root", scenario.Root, "--base", "main", "--today", Today]);
        clean.Exit.ShouldBe(0, clean.All);

        scenario.Write(Fixtures.AgreementPath, Fixtures.Agreement.Edit("purpose: Determine", "purpose: Decide"));
        var changed = await BothAsync(["validate", "--root", scenario.Root, "--base", "main", "--today", Today]);
        changed.Exit.ShouldBe(1, changed.All);
        changed.Stdout.ShouldContain($"error {C.ExecutedChanged}: ");

        var unknown = await BothAsync(["validate", "--root", scenario.Root, "--base", "origin/no-such-branch"]);
        unknown.Exit.ShouldBe(2, unknown.All);
        unknown.Stderr.ShouldContain("Git does not know the revision 'origin/no-such-branch'");
    }

    [Fact]
    public async Task Schemas_are_byte_identical()
    {
        var folder = Directory.CreateTempSubdirectory("dula-native-schema-").FullName;
        try
        {
            (await RunAsync(false, ["schema", "--out", Path.Combine(folder, "jit")])).Exit.ShouldBe(0);
            (await RunAsync(true, ["schema", "--out", Path.Combine(folder, "native")])).Exit.ShouldBe(0);
            Directory.GetFiles(Path.Combine(folder, "native")).ShouldNotBeEmpty();
            FolderSnapshot.ShouldMatch(Path.Combine(folder, "jit"), Path.Combine(folder, "native"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Approvals_hold_the_same_conversation_with_GitHub()
    {
        const string token = "ghs_nativeTestToken0123456789abcdefABCDEF";
        const string head = "1111111111111111111111111111111111111111";
        const string final = "agreements/DULA-2025-0002.md";
        await using var fake = await FakeGitHub.StartAsync();
        fake.Token = token;
        fake.AddTeam("example-org", "dta-legal", "dana");
        fake.AddTeam("example-org", "dor-legal", "omar");
        using var registry = Fixtures.Registry().Write(final, Fixtures.Other.Edit("status: drafting", "status: final"));
        fake.AddPullRequest(5, "drafter", head).WithFile(final).WithFile("README.md").Review("dana", "APPROVED");
        var environment = GitHubEnvironment(fake, token);

        var missing = await BothAsync(["approvals", "--pr", "5", "--root", registry.Root, "--set-status"], environment);
        missing.Exit.ShouldBe(1, missing.All);
        missing.Stdout.ShouldContain("DTA: approved by @dana");
        missing.Stdout.ShouldContain("DOR: still needed; ask @example-org/dor-legal");
        missing.All.ShouldNotContain(token);
        fake.Statuses.Count.ShouldBe(2);
        fake.Statuses[1].ShouldBe(fake.Statuses[0]);
        fake.Statuses[1].State.ShouldBe("failure");

        fake.PullRequests[5].Review("omar", "APPROVED");
        var json = await BothAsync(["approvals", "--pr", "5", "--root", registry.Root, "--format", "json"], environment);
        json.Exit.ShouldBe(0, json.All);
        json.Stdout.ShouldContain("\"omar\"");
    }

    [Fact]
    public async Task Remind_opens_each_issue_once_through_the_fake_GitHub_API()
    {
        using var registry = GitHubTestRegistry.Create();
        registry.Write("agreements/DULA-2024-0001.md", Fixtures.Agreement.Edit("id: DULA-2026-0007", "id: DULA-2024-0001")
            .Edit("effective: 2026-02-01", "effective: 2024-01-01").Edit("expires: 2029-01-31", "expires: 2028-11-20"));
        await using var fake = await GitHubTestRegistry.StartFakeAsync();
        var environment = GitHubEnvironment(fake, GitHubTestRegistry.Token);
        string[] remind = ["remind", "--root", registry.Root, "--today", "2028-12-01"];

        var first = await RunAsync(true, remind, environment);
        first.Exit.ShouldBe(0, first.All);
        first.Stdout.ShouldContain("opened #");
        fake.Issues.Values.Select(i => i.Title).Order(StringComparer.Ordinal).ShouldBe([
            "Expired: DULA-2024-0001 (SNAP eligibility wage match) expired 2028-11-20",
            "Renewal due: DULA-2026-0007 (SNAP eligibility wage match) expires 2029-01-31",
        ]);
        fake.Issues.Values.ShouldAllBe(i => i.Open && i.Labels.SequenceEqual(new[] { "renewal" }));

        // The JIT-compiled tool finds the issues the native one opened: it opens none.
        var writes = fake.Writes.Count;
        var again = await RunAsync(false, remind, environment);
        again.Exit.ShouldBe(0, again.All);
        fake.Writes.Count.ShouldBe(writes);
    }

    [Fact]
    public async Task A_native_publication_verifies_with_the_other_build_and_both_sign_the_same_bytes()
    {
        using var scenario = new PublishScenario();
        var keys = scenario.Out("keys");
        var keygen = await RunAsync(true, ["keygen", "--out", keys]);
        keygen.Exit.ShouldBe(0, keygen.All);
        keygen.All.ShouldNotContain("-----BEGIN");
        var key = Path.Combine(keys, "registry.key.pem");
        var publicKey = Path.Combine(keys, "registry.pub.pem");
        string[] Publish(string output) => ["publish", "--root", scenario.Root, "--out", scenario.Out(output), "--key", key, "--today", Today];

        (await RunAsync(true, Publish("native"))).Exit.ShouldBe(0);
        (await RunAsync(false, Publish("jit"))).Exit.ShouldBe(0);
        FolderSnapshot.ShouldMatch(scenario.Out("jit"), scenario.Out("native"));

        string[] Verify(string output) =>
            ["verify", "--manifest", Path.Combine(scenario.Out(output), "registry.json"), "--key", publicKey, "--root", scenario.Root];
        var verified = await RunAsync(false, Verify("native"));
        verified.Exit.ShouldBe(0, verified.All);
        verified.Stdout.ShouldContain("log entries match the checkout's history");
        var nativeVerified = await RunAsync(true, Verify("jit"));
        nativeVerified.Exit.ShouldBe(0, nativeVerified.All);

        var manifest = Path.Combine(scenario.Out("native"), "registry.json");
        var bytes = File.ReadAllBytes(manifest);
        var at = Array.IndexOf(bytes, (byte)'e', bytes.Length / 2); // inside a hash: still valid JSON
        bytes[at] = (byte)'f';
        File.WriteAllBytes(manifest, bytes);
        var tampered = await BothAsync(Verify("native"));
        tampered.Exit.ShouldBe(1);
        tampered.All.ShouldContain("the signature does not verify");
    }

    [Fact]
    public async Task New_agreements_and_reports_are_the_same()
    {
        using var jitRepo = ChangeScenario.With(Fixtures.Agreement);
        using var nativeRepo = ChangeScenario.With(Fixtures.Agreement);
        var created = new List<(Run Run, string Text)>();
        foreach (var (repo, isNative) in new[] { (jitRepo, false), (nativeRepo, true) })
        {
            GitHubTestRegistry.CopyTemplates(repo.Root);
            var run = await RunAsync(isNative, ["new", "--root", repo.Root, "--title", "Wage records for eligibility", "--owner", "dor", "--recipient", "dta"]);
            run.Exit.ShouldBe(0, run.All);
            var file = Directory.GetFiles(Path.Combine(repo.Root, "agreements")).Single(f => !f.EndsWith(Fixtures.AgreementId + ".md", StringComparison.Ordinal));
            created.Add((run with { Stdout = run.Stdout.Replace(repo.Root, "ROOT", StringComparison.Ordinal) }, File.ReadAllText(file)));
        }
        created[1].Text.ShouldBe(created[0].Text);
        created[1].Text.ShouldContain("Wage records for eligibility");
        Timeless(created[1].Run.Stdout).ShouldBe(Timeless(created[0].Run.Stdout));

        using var scenario = new PublishScenario();
        File.WriteAllText(Path.Combine(scenario.Root, Fixtures.OtherPath), Fixtures.Other); // a draft waiting on its parties
        foreach (var format in new[] { "text", "markdown", "json" })
        {
            var report = await BothAsync(["report", "--root", scenario.Root, "--format", format, "--today", Today]);
            report.Exit.ShouldBe(0, report.All);
            report.Stdout.ShouldContain("DULA-2025-0002");
        }
    }

    [GeneratedRegex(@"^serving (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ServingLine();

    [Fact]
    public async Task Serve_previews_the_site_and_stops_cleanly_on_SIGTERM()
    {
        using var registry = Fixtures.Registry();
        using var serve = ToolProcess.Start(native.StartInfo("serve", "--root", registry.Root, "--out", Path.Combine(registry.Root, "_site"), "--port", "0", "--today", Today));
        var url = ServingLine().Match(await serve.WaitForLineAsync(l => ServingLine().IsMatch(l))).Groups["url"].Value;
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        {
            var page = await http.GetAsync(url + $"agreements/{Fixtures.AgreementId}/");
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await page.Content.ReadAsStringAsync()).ShouldContain("SNAP eligibility wage match");
            (await http.GetAsync(url + "no-such-page/")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        await ToolProcess.SignalAsync(serve.Id, "TERM");
        var (exit, stdout, stderr) = await serve.WaitForExitAsync();
        exit.ShouldBe(0, stdout + stderr); // stopping a preview server is its normal end
        stderr.ShouldContain("registry: stopped");
        (stdout + stderr).ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Version_and_help_match()
    {
        (await BothAsync(["--version"])).Exit.ShouldBe(0);
        (await BothAsync(["build", "--help"])).Stdout.ShouldContain("--out");
        var unknown = await BothAsync(["no-such-command"]);
        unknown.Exit.ShouldBe(2);
    }
}
