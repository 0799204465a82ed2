using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;
using DulaRegistry.Signing;

namespace DulaRegistry.Tests.Publishing;

/// <summary><c>registry verify</c>: it accepts an untouched publication and rejects every kind of tampering with a precise message.</summary>
public class VerifyTests
{
    [Fact]
    public void An_untouched_publication_verifies_against_its_checkout()
    {
        using var scenario = new PublishScenario();
        var site = scenario.Out("site");
        scenario.Publish(site).Exit.ShouldBe(ExitCode.Ok);
        var (exit, printed) = scenario.VerifyManifest(site, root: scenario.Root);
        exit.ShouldBe(ExitCode.Ok, printed);
        printed.ShouldContain("ok: signature by " + scenario.Key.Public.Fingerprint);
        printed.ShouldContain("log entries match the checkout's history");
    }

    [Fact]
    public void A_flipped_manifest_byte_fails()
    {
        using var scenario = new PublishScenario();
        var site = scenario.Out("site");
        scenario.Publish(site).Exit.ShouldBe(ExitCode.Ok);
        var path = Path.Combine(site, "registry.json");
        var bytes = File.ReadAllBytes(path);
        var at = Array.IndexOf(bytes, (byte)'e', bytes.Length / 2); // inside a hash: still valid JSON
        bytes[at] = (byte)'f';
        File.WriteAllBytes(path, bytes);
        var (exit, printed) = scenario.VerifyManifest(site);
        exit.ShouldBe(ExitCode.ValidationFailed);
        printed.ShouldContain("error: the signature does not verify");
    }

    [Fact]
    public void A_wrong_key_and_a_truncated_signature_fail()
    {
        using var scenario = new PublishScenario();
        var site = scenario.Out("site");
        scenario.Publish(site).Exit.ShouldBe(ExitCode.Ok);
        var other = scenario.Write("other.pub.pem", SigningKey.Generate().Public.Pem);
        var wrongKey = scenario.VerifyManifest(site, key: other);
        wrongKey.Exit.ShouldBe(ExitCode.ValidationFailed);
        wrongKey.Output.ShouldContain("does not verify with the key");

        var signature = Path.Combine(site, "registry.json.sig");
        File.WriteAllBytes(signature, File.ReadAllBytes(signature)[..63]);
        var truncated = scenario.VerifyManifest(site);
        truncated.Exit.ShouldBe(ExitCode.ValidationFailed);
        truncated.Output.ShouldContain("63 bytes long");
    }

    [Fact]
    public void An_executed_agreement_edited_after_publishing_fails_naming_it()
    {
        using var scenario = new PublishScenario();
        var site = scenario.Out("site");
        scenario.Publish(site).Exit.ShouldBe(ExitCode.Ok);
        File.AppendAllText(Path.Combine(scenario.Root, "agreements", PublishScenario.AId + ".md"), "\nA quiet change.\n");
        var (exit, printed) = scenario.VerifyManifest(site, root: scenario.Root);
        exit.ShouldBe(ExitCode.ValidationFailed, printed);
        printed.ShouldContain($"error: agreement {PublishScenario.AId}: agreements/{PublishScenario.AId}.md in the checkout differs from the published version");
    }

    [Fact]
    public void An_executed_agreement_altered_by_rewriting_history_fails_naming_it()
    {
        using var scenario = new PublishScenario();
        var site = scenario.Out("site");
        scenario.Publish(site).Exit.ShouldBe(ExitCode.Ok);
        scenario.ResetMain(scenario.First);
        var altered = PublishScenario.ExecutedA.Replace("Notify the owner within 24 hours.", "Notify the owner within 30 days.", StringComparison.Ordinal);
        scenario.Git.Commit("2026-01-22T10:00:00Z", "Execute A", [("agreements/" + PublishScenario.AId + ".md", altered)]);
        scenario.Git.Commit("2026-01-23T10:00:00Z", "Execute B", [("agreements/" + PublishScenario.BId + ".md", PublishScenario.ExecutedB)]);

        var (exit, printed) = scenario.VerifyManifest(site, root: scenario.Root);
        exit.ShouldBe(ExitCode.ValidationFailed, printed);
        printed.ShouldContain($"error: agreement {PublishScenario.AId} (log entry 0): as executed in the checkout's history");
        // B's text is intact; only the commit it was executed at changed with the rewrite.
        printed.ShouldNotContain($"agreement {PublishScenario.BId} (log entry 1): as executed");
        printed.ShouldContain($"agreement {PublishScenario.BId} (log entry 1): the checkout's history has it executed at commit");
    }

    [Fact]
    public void A_proof_verifies_its_own_file_and_fails_for_another()
    {
        using var scenario = new PublishScenario();
        var site = scenario.Out("site");
        scenario.Publish(site).Exit.ShouldBe(ExitCode.Ok);
        var proof = Path.Combine(site, "log", "proofs", PublishScenario.AId + ".tlog-proof");
        var own = PublishScenario.Verify(new(null, null, scenario.PublicKeyFile, Proof: proof, File: Path.Combine(site, "log", "entries", "0.md"), Origin: PublishScenario.Origin));
        own.Exit.ShouldBe(ExitCode.Ok, own.Output);

        var another = PublishScenario.Verify(new(null, null, scenario.PublicKeyFile, Proof: proof, File: Path.Combine(site, "log", "entries", "1.md")));
        another.Exit.ShouldBe(ExitCode.ValidationFailed);
        another.Output.ShouldContain("1.md is not entry 0 of the log of size 2");

        var wrongOrigin = PublishScenario.Verify(new(null, null, scenario.PublicKeyFile, Proof: proof, File: Path.Combine(site, "log", "entries", "0.md"), Origin: "example.org/other"));
        wrongOrigin.Exit.ShouldBe(ExitCode.ValidationFailed);
    }

    [Fact]
    public void A_proof_under_an_unsigned_or_wrongly_signed_checkpoint_fails()
    {
        using var scenario = new PublishScenario();
        var site = scenario.Out("site");
        scenario.Publish(site).Exit.ShouldBe(ExitCode.Ok);
        var text = File.ReadAllText(Path.Combine(site, "log", "proofs", PublishScenario.AId + ".tlog-proof"));
        var entry = Path.Combine(site, "log", "entries", "0.md");
        var proof = TlogProof.Parse(text);
        var body = SignedNote.VerifiedBody(proof.CheckpointNote, PublishScenario.Origin, scenario.Key.Public).ShouldNotBeNull();

        // The checkpoint with its signature line removed.
        var unsigned = scenario.Write("unsigned.tlog-proof", (proof with { CheckpointNote = body + "\n" }).Format());
        var (exit, printed) = PublishScenario.Verify(new(null, null, scenario.PublicKeyFile, Proof: unsigned, File: entry));
        exit.ShouldNotBe(ExitCode.Ok, printed);

        // Signed under the log's name, but by another key.
        var forged = scenario.Write("forged.tlog-proof", (proof with { CheckpointNote = SignedNote.Sign(body, PublishScenario.Origin, SigningKey.Generate()) }).Format());
        var wrong = PublishScenario.Verify(new(null, null, scenario.PublicKeyFile, Proof: forged, File: entry));
        wrong.Exit.ShouldBe(ExitCode.ValidationFailed, wrong.Output);
        wrong.Output.ShouldContain("no valid signature by the key");

        // A checkpoint for another tree, correctly signed, does not contain the entry either.
        var otherRoot = new Checkpoint(PublishScenario.Origin, 2, new byte[32]).Body;
        var moved = scenario.Write("moved.tlog-proof", (proof with { CheckpointNote = SignedNote.Sign(otherRoot, PublishScenario.Origin, scenario.Key) }).Format());
        PublishScenario.Verify(new(null, null, scenario.PublicKeyFile, Proof: moved, File: entry)).Exit.ShouldBe(ExitCode.ValidationFailed);
    }

    [Fact]
    public void Unusable_input_exits_2()
    {
        using var scenario = new PublishScenario();
        var site = scenario.Out("site");
        scenario.Publish(site).Exit.ShouldBe(ExitCode.Ok);
        PublishScenario.Verify(new(Path.Combine(site, "missing.json"), null, scenario.PublicKeyFile)).Exit.ShouldBe(ExitCode.Usage);
        PublishScenario.Verify(new(Path.Combine(site, "registry.json"), null, scenario.KeyFile)).Exit.ShouldBe(ExitCode.Usage); // a private key
        PublishScenario.Verify(new(null, null, scenario.PublicKeyFile, Proof: Path.Combine(site, "registry.json"), File: Path.Combine(site, "registry.json"))).Exit.ShouldBe(ExitCode.Usage);
        PublishScenario.Verify(new(null, null, scenario.PublicKeyFile)).Exit.ShouldBe(ExitCode.Usage);
    }
}
