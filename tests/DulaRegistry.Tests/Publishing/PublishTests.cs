using System.Text;
using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;
using DulaRegistry.Publishing;
using DulaRegistry.Signing;

namespace DulaRegistry.Tests.Publishing;

/// <summary><c>registry publish</c> on real Git repositories: what it writes, that it is deterministic and interoperable, and what it refuses.</summary>
public class PublishTests
{
    [Fact]
    public void Publish_writes_the_manifest_signature_checkpoint_proofs_entries_key_and_verify_page()
    {
        using var scenario = new PublishScenario();
        var output = scenario.Out("site");
        var (exit, printed) = scenario.Publish(output);
        exit.ShouldBe(ExitCode.Ok, printed);

        var manifest = Manifest.Parse(File.ReadAllBytes(Path.Combine(output, "registry.json")), "registry.json");
        manifest.Origin.ShouldBe(PublishScenario.Origin);
        manifest.Registry.ShouldBe("Test registry");
        manifest.Entries.Select(e => e.Id).ShouldBe([PublishScenario.AId, PublishScenario.BId]);
        manifest.Entries[0].Sha256.ShouldBe(RegistrySnapshot.Hash(Encoding.UTF8.GetBytes(PublishScenario.ExecutedA)));
        manifest.Agreements.Select(a => (a.Id, a.Status, a.Path)).ShouldBe(
            [(PublishScenario.AId, "executed", $"agreements/{PublishScenario.AId}.md"), (PublishScenario.BId, "executed", $"agreements/{PublishScenario.BId}.md")]);
        manifest.Agencies.Select(a => a.Id).ShouldBe(["anf", "dor", "dta"]);
        File.ReadAllBytes(Path.Combine(output, "registry.json.sig")).Length.ShouldBe(64);

        var checkpoint = File.ReadAllText(Path.Combine(output, "log", "checkpoint"));
        checkpoint.ShouldStartWith($"{PublishScenario.Origin}\n2\n{Convert.ToBase64String(manifest.LogRoot)}\n\n— {PublishScenario.Origin} ");
        SignedNote.VerifiedBody(checkpoint, PublishScenario.Origin, scenario.Key.Public).ShouldNotBeNull();

        File.ReadAllText(Path.Combine(output, "log", "entries", "0.md")).ShouldBe(PublishScenario.ExecutedA);
        File.ReadAllText(Path.Combine(output, "log", "entries", "1.md")).ShouldBe(PublishScenario.ExecutedB);
        TlogProof.Parse(File.ReadAllText(Path.Combine(output, "log", "proofs", PublishScenario.BId + ".tlog-proof"))).Index.ShouldBe(1);
        File.ReadAllText(Path.Combine(output, "registry.pub.pem")).ShouldBe(scenario.Key.Public.Pem);

        // Decoded: the page's encoder writes '+' (frequent in base64) as an entity.
        var verify = System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(output, "verify", "index.html")));
        verify.ShouldContain(scenario.Key.Public.Fingerprint);
        verify.ShouldContain(PublishScenario.Origin);
        verify.ShouldContain(Convert.ToBase64String(manifest.LogRoot));
        verify.ShouldContain("openssl pkeyutl -verify -pubin -inkey registry.pub.pem -rawin -in registry.json -sigfile registry.json.sig");
        File.ReadAllText(Path.Combine(output, "index.html")).ShouldContain("href=\"/verify/\"");
        File.ReadAllText(Path.Combine(output, "agreements", PublishScenario.AId, "index.html")).ShouldContain($"href=\"/log/proofs/{PublishScenario.AId}.tlog-proof\"");
    }

    [Fact]
    public void Two_publishes_of_one_commit_are_byte_identical()
    {
        using var scenario = new PublishScenario();
        scenario.Publish(scenario.Out("one")).Exit.ShouldBe(ExitCode.Ok);
        scenario.Publish(scenario.Out("two")).Exit.ShouldBe(ExitCode.Ok);
        foreach (var file in (string[])["registry.json", "registry.json.sig", "log/checkpoint", $"log/proofs/{PublishScenario.AId}.tlog-proof", "verify/index.html"])
        {
            File.ReadAllBytes(Path.Combine(scenario.Out("two"), file)).ShouldBe(File.ReadAllBytes(Path.Combine(scenario.Out("one"), file)), file);
        }
        var text = File.ReadAllText(Path.Combine(scenario.Out("one"), "registry.json"));
        text.ShouldEndWith("}\n");
        text.ShouldNotContain("\r");
    }

    [Fact]
    public void OpenSSL_verifies_the_signature_made_with_a_key_OpenSSL_generated()
    {
        using var scenario = new PublishScenario();
        var key = scenario.Out("openssl.key.pem");
        PublishScenario.Run("openssl", "genpkey", "-algorithm", "ed25519", "-out", key).Exit.ShouldBe(0);
        var output = scenario.Out("site");
        scenario.Publish(output, key: key).Exit.ShouldBe(ExitCode.Ok);

        var (exit, printed) = PublishScenario.Run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", Path.Combine(output, "registry.pub.pem"),
            "-rawin", "-in", Path.Combine(output, "registry.json"), "-sigfile", Path.Combine(output, "registry.json.sig"));
        exit.ShouldBe(0, printed);
        printed.ShouldContain("Signature Verified Successfully");

        // And the other way: OpenSSL's idea of the public key is the one published.
        var pub = scenario.Out("openssl.pub.pem");
        PublishScenario.Run("openssl", "pkey", "-in", key, "-pubout", "-out", pub).Exit.ShouldBe(0);
        VerifyingKey.FromPem(File.ReadAllText(pub)).Raw.ShouldBe(VerifyingKey.FromPem(File.ReadAllText(Path.Combine(output, "registry.pub.pem"))).Raw);
    }

    [Fact]
    public void The_private_key_is_never_printed_or_written_to_the_output()
    {
        using var scenario = new PublishScenario();
        var secret = string.Concat(scenario.Key.PrivatePem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
        secret.Length.ShouldBeGreaterThan(40);
        var output = scenario.Out("site");
        Environment.SetEnvironmentVariable(PublishCommand.KeyVariable, scenario.Key.PrivatePem);
        (ExitCode Exit, string Output) result;
        try
        {
            result = scenario.Publish(output, key: null); // from the environment
        }
        finally
        {
            Environment.SetEnvironmentVariable(PublishCommand.KeyVariable, null);
        }
        result.Exit.ShouldBe(ExitCode.Ok, result.Output);
        result.Output.ShouldNotContain(secret);
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            File.ReadAllText(file).ShouldNotContain(secret, customMessage: file);
            File.ReadAllText(file).ShouldNotContain("PRIVATE KEY", customMessage: file);
        }
        // A key that is not one is refused without echoing it.
        var bad = scenario.Write("bad.pem", "-----BEGIN PRIVATE KEY-----\nnot-a-key-SECRETISH\n-----END PRIVATE KEY-----\n");
        var refused = scenario.Publish(scenario.Out("bad"), key: bad);
        refused.Exit.ShouldBe(ExitCode.Usage);
        refused.Output.ShouldNotContain("SECRETISH");
    }

    [Fact]
    public void No_key_and_no_origin_are_usage_errors_that_say_what_to_do()
    {
        using var scenario = new PublishScenario(withSettings: false);
        var noOrigin = scenario.Publish(scenario.Out("a"));
        noOrigin.Exit.ShouldBe(ExitCode.Usage);
        noOrigin.Output.ShouldContain("--origin");
        noOrigin.Output.ShouldContain("repository_url");
        scenario.Publish(scenario.Out("b"), origin: "example.org/test/dula-log").Exit.ShouldBe(ExitCode.Ok);
        var noKey = scenario.Publish(scenario.Out("c"), key: null, origin: "example.org/test/dula-log");
        noKey.Exit.ShouldBe(ExitCode.Usage);
        noKey.Output.ShouldContain(PublishCommand.KeyVariable);
    }

    [Fact]
    public void A_work_tree_that_differs_from_HEAD_is_not_published()
    {
        using var scenario = new PublishScenario();
        File.AppendAllText(Path.Combine(scenario.Root, "agreements", PublishScenario.AId + ".md"), "\nAn uncommitted line.\n");
        var (exit, printed) = scenario.Publish(scenario.Out("site"));
        exit.ShouldBe(ExitCode.Usage);
        printed.ShouldContain($"agreements/{PublishScenario.AId}.md");
        Directory.Exists(scenario.Out("site")).ShouldBeFalse();
    }

    [Fact]
    public void Publishing_an_extension_of_the_previous_log_carries_a_consistency_proof_that_verifies()
    {
        using var scenario = new PublishScenario();
        var first = scenario.Out("first");
        scenario.Publish(first).Exit.ShouldBe(ExitCode.Ok);
        scenario.Git.Commit("2026-02-01T10:00:00Z", "Execute C", [("agreements/" + PublishScenario.CId + ".md", PublishScenario.ExecutedC)]);
        var second = scenario.Out("second");
        var (exit, printed) = scenario.Publish(second, previous: first);
        exit.ShouldBe(ExitCode.Ok, printed);

        var manifest = Manifest.Parse(File.ReadAllBytes(Path.Combine(second, "registry.json")), "registry.json");
        manifest.Consistency.ShouldNotBeNull().OldSize.ShouldBe(2);
        manifest.Entries.Select(e => e.Id).ShouldBe([PublishScenario.AId, PublishScenario.BId, PublishScenario.CId]);
        var verified = scenario.VerifyManifest(second, root: scenario.Root, previous: Path.Combine(first, "registry.json"));
        verified.Exit.ShouldBe(ExitCode.Ok, verified.Output);
        verified.Output.ShouldContain("extends the previous one (2 → 3 entries)");
    }

    [Fact]
    public void A_dropped_executed_agreement_is_refused_naming_it_and_the_previous_output_is_kept()
    {
        using var scenario = new PublishScenario();
        var site = scenario.Out("site");
        scenario.Publish(site).Exit.ShouldBe(ExitCode.Ok);
        var published = File.ReadAllBytes(Path.Combine(site, "registry.json"));

        // Main rewritten so that A was never executed: only B is.
        scenario.ResetMain(scenario.First);
        scenario.Git.Commit("2026-01-23T10:00:00Z", "Execute B",
            [("agreements/" + PublishScenario.AId + ".md", PublishScenario.DraftA), ("agreements/" + PublishScenario.BId + ".md", PublishScenario.ExecutedB)]);

        var (exit, printed) = scenario.Publish(site, previous: site);
        exit.ShouldBe(ExitCode.ValidationFailed, printed);
        printed.ShouldContain($"{PublishScenario.AId} (log entry 0");
        printed.ShouldContain("dropped");
        File.ReadAllBytes(Path.Combine(site, "registry.json")).ShouldBe(published);

        // Published anyway without --previous, the new manifest fails verification against the old one.
        var dropped = scenario.Out("dropped");
        scenario.Publish(dropped).Exit.ShouldBe(ExitCode.Ok);
        var verified = scenario.VerifyManifest(dropped, previous: site);
        verified.Exit.ShouldBe(ExitCode.ValidationFailed, verified.Output);
        verified.Output.ShouldContain($"error: {PublishScenario.AId} (log entry 0");
    }

    [Fact]
    public void Two_swapped_executed_agreements_are_refused_naming_both()
    {
        using var scenario = new PublishScenario();
        var site = scenario.Out("site");
        scenario.Publish(site).Exit.ShouldBe(ExitCode.Ok);

        // Main rewritten so that B was executed before A.
        scenario.ResetMain(scenario.First);
        scenario.Git.Commit("2026-01-21T10:00:00Z", "Execute B", [("agreements/" + PublishScenario.BId + ".md", PublishScenario.ExecutedB)]);
        scenario.Git.Commit("2026-01-22T10:00:00Z", "Execute A", [("agreements/" + PublishScenario.AId + ".md", PublishScenario.ExecutedA)]);

        var (exit, printed) = scenario.Publish(scenario.Out("new"), previous: Path.Combine(site, "registry.json"));
        exit.ShouldBe(ExitCode.ValidationFailed, printed);
        printed.ShouldContain($"{PublishScenario.AId} (log entry 0");
        printed.ShouldContain($"{PublishScenario.BId} (log entry 1");
        printed.ShouldContain("reordered");

        var swapped = scenario.Out("swapped");
        scenario.Publish(swapped).Exit.ShouldBe(ExitCode.Ok);
        var verified = scenario.VerifyManifest(swapped, previous: site);
        verified.Exit.ShouldBe(ExitCode.ValidationFailed, verified.Output);
        verified.Output.ShouldContain($"{PublishScenario.AId} (log entry 0");
        verified.Output.ShouldContain($"{PublishScenario.BId} (log entry 1");
    }

    [Theory]
    [InlineData("https://github.com/org/repo", "github.com/org/repo/dula-log")]
    [InlineData("https://github.com/org/repo.git", "github.com/org/repo/dula-log")]
    [InlineData("https://GitHub.com/org/repo/", "github.com/org/repo/dula-log")]
    [InlineData("git@github.com:org/repo.git", null)]
    [InlineData("", null)]
    public void The_origin_is_derived_from_the_repository_url(string url, string? origin) =>
        LogOrigin.FromRepositoryUrl(url).ShouldBe(origin);

    [Fact]
    public void During_a_key_rotation_the_checkpoint_and_every_proof_verify_under_either_key()
    {
        using var scenario = new PublishScenario();
        var next = SigningKey.Generate();
        var nextFile = Path.Combine(scenario.Out("keys"), "next.key.pem");
        Directory.CreateDirectory(Path.GetDirectoryName(nextFile)!);
        File.WriteAllText(nextFile, next.PrivatePem);
        var output = scenario.Out("site");

        var (exit, printed) = scenario.Publish(output, nextKey: nextFile);
        exit.ShouldBe(ExitCode.Ok, printed);

        var checkpoint = File.ReadAllText(Path.Combine(output, "log", "checkpoint"));
        checkpoint.Split('\n').Count(l => l.StartsWith("— ", StringComparison.Ordinal)).ShouldBe(2);
        SignedNote.VerifiedBody(checkpoint, PublishScenario.Origin, scenario.Key.Public).ShouldNotBeNull();
        SignedNote.VerifiedBody(checkpoint, PublishScenario.Origin, next.Public).ShouldNotBeNull();
        var proof = TlogProof.Parse(File.ReadAllText(Path.Combine(output, "log", "proofs", PublishScenario.AId + ".tlog-proof")));
        proof.CheckpointNote.ShouldBe(checkpoint);
        // The manifest's own signature stays by the current key; the next key's private text is never written out.
        scenario.Key.Public.Verify(File.ReadAllBytes(Path.Combine(output, "registry.json")), File.ReadAllBytes(Path.Combine(output, "registry.json.sig"))).ShouldBeTrue();
        var secret = next.PrivatePem.Split('\n')[1];
        Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).ShouldAllBe(f => !File.ReadAllText(f).Contains(secret, StringComparison.Ordinal));
        printed.ShouldNotContain(secret);
    }
}
