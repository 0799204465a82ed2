using System.CommandLine;
using System.Text;
using DulaRegistry.Publishing;
using DulaRegistry.Signing;

namespace DulaRegistry.Cli.Commands;

/// <summary>
/// <c>registry verify</c>: checks a published manifest (its signature, and optionally a checkout and an earlier manifest) or
/// one agreement's inclusion proof. Exit 0 only when everything holds; 1 with one line per failure; 2 on unusable input.
/// </summary>
internal static class VerifyCommand
{
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry verify --manifest registry.json --signature registry.json.sig --key registry.pub.pem --root .", "a downloaded manifest against this checkout"),
        new("registry verify --proof DULA-2026-0001.tlog-proof --key registry.pub.pem --file agreements/DULA-2026-0001.md", "one agreement is in the signed log"),
    ];

    public static Command Create()
    {
        var manifest = new Option<FileInfo?>("--manifest") { Description = "The registry.json to check", HelpName = "M" };
        var signature = new Option<FileInfo?>("--signature") { Description = "Its signature (default: M.sig)", HelpName = "S" };
        var key = new Option<FileInfo>("--key") { Description = "The registry's public key (registry.pub.pem), obtained from a source you trust", HelpName = "PUB", Required = true };
        var root = new Option<DirectoryInfo?>("--root") { Description = "A Git checkout of the registry with its whole history: every file and log entry is checked against it", HelpName = "DIR" };
        var previous = new Option<string?>("--previous") { Description = "An earlier registry.json (or its folder): the new log must extend it", HelpName = "OLD" };
        var proof = new Option<FileInfo?>("--proof") { Description = "An agreement's .tlog-proof", HelpName = "P" };
        var file = new Option<FileInfo?>("--file") { Description = "With --proof: the agreement file as executed", HelpName = "F" };
        var origin = new Option<string?>("--origin") { Description = "With --proof: the log's name the checkpoint must carry (default: the one it names)", HelpName = "NAME" };
        var command = new Command("verify", "Check a published registry: the manifest's signature, its files and log against a checkout and an earlier manifest, or one agreement's proof")
        {
            manifest, signature, key, root, previous, proof, file, origin,
        };
        command.SetAction(parse => (int)Run(new VerifyRequest(
            parse.GetValue(manifest)?.FullName, parse.GetValue(signature)?.FullName, parse.GetValue(key)!.FullName, parse.GetValue(root)?.FullName,
            parse.GetValue(previous), parse.GetValue(proof)?.FullName, parse.GetValue(file)?.FullName, parse.GetValue(origin)), Console.Out, Console.Error));
        return command.WithExamples(Examples);
    }

    /// <summary>What to verify, as paths.</summary>
    public sealed record VerifyRequest(string? Manifest, string? Signature, string Key, string? Root = null, string? Previous = null,
        string? Proof = null, string? File = null, string? Origin = null);

    public static ExitCode Run(VerifyRequest request, TextWriter output, TextWriter error)
    {
        if ((request.Manifest is null) == (request.Proof is null))
        {
            error.WriteLine("registry: give either --manifest M --key PUB (with --signature, --root, --previous) or --proof P --key PUB --file F");
            return ExitCode.Usage;
        }
        if (request.Proof is not null && (request.File is null || request.Root is not null || request.Previous is not null || request.Signature is not null))
        {
            error.WriteLine("registry: --proof takes --key PUB and --file F (the agreement as executed), and optionally --origin NAME");
            return ExitCode.Usage;
        }
        if (request.Manifest is not null && (request.File is not null || request.Origin is not null))
        {
            error.WriteLine("registry: --file and --origin go with --proof, not with --manifest");
            return ExitCode.Usage;
        }
        VerifyReport report;
        try
        {
            var key = ReadKey(request.Key);
            if (request.Proof is { } proofPath)
            {
                var proofText = Encoding.UTF8.GetString(Verifier.ReadInput(proofPath, "proof"));
                var fileBytes = Verifier.ReadInput(request.File!, "agreement file");
                report = Verifier.Proof(proofText, key, fileBytes, Path.GetFileName(request.File!), request.Origin);
            }
            else
            {
                var manifestBytes = Verifier.ReadInput(request.Manifest!, "manifest");
                var signatureBytes = Verifier.ReadInput(request.Signature ?? request.Manifest + ".sig", "signature");
                Manifest? previous = null;
                if (request.Previous is { } previousPath)
                {
                    try
                    {
                        previous = Publication.ReadPrevious(previousPath);
                    }
                    catch (ManifestException ex)
                    {
                        throw new VerifyInputException(ex.Message.Replace("--previous the last published output folder", "--previous an earlier published folder", StringComparison.Ordinal));
                    }
                }
                if (request.Root is { } rootPath && !Directory.Exists(rootPath))
                {
                    throw new VerifyInputException($"the folder '{rootPath}' does not exist; --root must be a Git checkout of the registry");
                }
                report = Verifier.Manifest(manifestBytes, signatureBytes, key, request.Root, previous);
            }
        }
        catch (VerifyInputException ex)
        {
            error.WriteLine($"registry: {ConsoleText.Escape(ex.Message)}");
            return ExitCode.Usage;
        }
        foreach (var check in report.Checked) output.WriteLine($"ok: {ConsoleText.Escape(check)}");
        foreach (var failure in report.Failures) output.WriteLine($"error: {ConsoleText.Escape(failure)}");
        output.WriteLine(report.Holds
            ? "verified: everything checked holds"
            : $"NOT verified: {report.Failures.Count} problem{(report.Failures.Count == 1 ? "" : "s")}");
        return report.Holds ? ExitCode.Ok : ExitCode.ValidationFailed;
    }

    private static VerifyingKey ReadKey(string path)
    {
        var text = Encoding.UTF8.GetString(Verifier.ReadInput(path, "public key"));
        try
        {
            return VerifyingKey.FromPem(text);
        }
        catch (SigningKeyException ex)
        {
            throw new VerifyInputException($"'{path}' is not a usable public key: {ex.Message}");
        }
    }
}
