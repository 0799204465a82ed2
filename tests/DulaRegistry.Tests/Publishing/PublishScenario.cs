using System.Diagnostics;
using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;
using DulaRegistry.Signing;
using DulaRegistry.Testing;

namespace DulaRegistry.Tests.Publishing;

/// <summary>
/// A real Git registry whose main executes two agreements, A (<see cref="Fixtures.AgreementId"/>) then B
/// (<see cref="BId"/>), with a signing key and output folders in a temporary folder; it runs <c>registry publish</c> and
/// <c>registry verify</c> in-process and can rewrite main's history the way a tamperer would.
/// </summary>
internal sealed class PublishScenario : IDisposable
{
    public const string AId = Fixtures.AgreementId;
    public const string BId = "DULA-2026-0008";
    public const string CId = "DULA-2026-0009";
    public const string Origin = "github.com/example-org/dula-registry/dula-log";
    public const string Settings = "name: Test registry\nrepository_url: https://github.com/example-org/dula-registry\n";

    public static readonly string ExecutedA = Fixtures.Agreement;
    public static readonly string DraftA = Fixtures.Agreement.Edit("status: executed", "status: submitted");
    public static readonly string ExecutedB = Fixtures.Agreement.Edit("id: DULA-2026-0007", $"id: {BId}").Edit("title: SNAP eligibility wage match", "title: Second wage match");
    public static readonly string ExecutedC = Fixtures.Agreement.Edit("id: DULA-2026-0007", $"id: {CId}").Edit("title: SNAP eligibility wage match", "title: Third wage match");

    public PublishScenario(bool withSettings = true)
    {
        Git = new GitTestRepository();
        Folder = Path.Combine(Path.GetTempPath(), "dula-publish-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
        First = Git.Commit("2026-01-05T10:00:00Z", "Agencies and a draft",
        [
            ("agencies/anf.md", Fixtures.Anf), ("agencies/dor.md", Fixtures.Dor), ("agencies/dta.md", Fixtures.Dta),
            ("agreements/" + AId + ".md", DraftA),
            .. withSettings ? [("registry.yml", (string?)Settings)] : Array.Empty<(string, string?)>(),
        ]);
        Git.Commit("2026-01-22T10:00:00Z", "Execute A", [("agreements/" + AId + ".md", ExecutedA)]);
        Git.Commit("2026-01-23T10:00:00Z", "Execute B", [("agreements/" + BId + ".md", ExecutedB)]);
        Key = SigningKey.Generate();
        KeyFile = Write("registry.key.pem", Key.PrivatePem);
        PublicKeyFile = Write("registry.pub.pem", Key.Public.Pem);
    }

    public GitTestRepository Git { get; }

    public string Root => Git.RegistryRoot;

    /// <summary>A temporary folder for keys and outputs.</summary>
    public string Folder { get; }

    /// <summary>The first commit: agencies and A as a draft.</summary>
    public string First { get; }

    public SigningKey Key { get; }

    public string KeyFile { get; }

    public string PublicKeyFile { get; }

    public string Out(string name) => Path.Combine(Folder, name);

    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Points main back at <paramref name="commit"/>, as a force-push would; later commits on main build on it.</summary>
    public void ResetMain(string commit)
    {
        File.WriteAllText(Path.Combine(Git.WorkTree, ".git", "refs", "heads", GitTestRepository.Main), commit + "\n");
    }

    /// <summary>Runs <c>registry publish</c> in-process; returns the exit code and what it printed.</summary>
    public (ExitCode Exit, string Output) Publish(string output, string? previous = null, string? key = "default", string? origin = null, string? nextKey = null)
    {
        var options = BuildCommand.Options(new DirectoryInfo(Root), new DirectoryInfo(output), "/", TempRegistry.Today);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var keyFile = key == "default" ? new FileInfo(KeyFile) : key is null ? null : new FileInfo(key);
        var exit = PublishCommand.RunAsync(options, keyFile, previous, origin, stdout, stderr, CancellationToken.None,
            nextKey is null ? null : new FileInfo(nextKey)).GetAwaiter().GetResult();
        return (exit, stdout + stderr.ToString());
    }

    /// <summary>Runs <c>registry verify</c> in-process.</summary>
    public static (ExitCode Exit, string Output) Verify(VerifyCommand.VerifyRequest request)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = VerifyCommand.Run(request, stdout, stderr);
        return (exit, stdout + stderr.ToString());
    }

    /// <summary>Verifies the manifest in <paramref name="output"/> with this scenario's public key.</summary>
    public (ExitCode Exit, string Output) VerifyManifest(string output, string? root = null, string? previous = null, string? key = null) =>
        Verify(new VerifyCommand.VerifyRequest(Path.Combine(output, "registry.json"), Path.Combine(output, "registry.json.sig"), key ?? PublicKeyFile, root, previous));

    /// <summary>Runs a program (openssl) and returns its exit code and output.</summary>
    public static (int Exit, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    public void Dispose()
    {
        Git.Dispose();
        GitTestRepository.Delete(Folder);
    }
}
