using System.CommandLine;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Publishing;
using DulaRegistry.Signing;
using DulaRegistry.Site.Build;

namespace DulaRegistry.Cli.Commands;

/// <summary>
/// <c>registry publish</c>: builds the site and adds the signed manifest, the signed log checkpoint, the proofs and the
/// public key, all in the build's staging folder, so a failed publish leaves the previous output as it was.
/// </summary>
internal static class PublishCommand
{
    /// <summary>The environment variable that may hold the signing key's PEM text (a CI secret).</summary>
    public const string KeyVariable = "REGISTRY_SIGNING_KEY";

    /// <summary>During a key rotation, the next key's PEM text (or --next-key FILE).</summary>
    public const string NextKeyVariable = "REGISTRY_NEXT_SIGNING_KEY";

    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry publish --out _site --key ~/dula-keys/registry.key.pem", "sign and build into _site"),
        new("registry publish --out _site --previous old/registry.json", "in CI, with REGISTRY_SIGNING_KEY set from a secret; refuses a log that does not extend the last one"),
    ];

    public static Command Create()
    {
        var root = CommonOptions.Root();
        var output = BuildCommand.Out();
        output.Required = true;
        output.Description = "The folder to write the signed site to. It is replaced as a whole when publishing succeeds, and only if it is empty or holds a site this tool wrote";
        var key = new Option<FileInfo?>("--key")
        {
            Description = $"The Ed25519 signing key (PKCS#8 PEM, as registry keygen or openssl genpkey -algorithm ed25519 writes); default: the PEM text in {KeyVariable}",
            HelpName = "PEM",
        };
        var nextKey = new Option<FileInfo?>("--next-key")
        {
            Description = $"During a key rotation: the next Ed25519 key, which adds a second signature line to the checkpoint (default: the PEM text in {NextKeyVariable}, if set)",
            HelpName = "PEM",
        };
        var previous = new Option<string?>("--previous")
        {
            Description = "The last published output folder or its registry.json: publishing refuses unless the new log extends it",
            HelpName = "DIR|MANIFEST",
        };
        var baseUrl = BuildCommand.BaseUrl();
        var origin = new Option<string?>("--origin")
        {
            Description = "The log's name in its checkpoint (default: repository_url of registry.yml without https://, plus /dula-log)",
            HelpName = "NAME",
        };
        var today = CommonOptions.Today();
        var command = new Command("publish", "Build the site and sign it: registry.json and its signature, the transparency-log checkpoint, a proof per executed agreement")
        {
            root, output, key, nextKey, previous, baseUrl, origin, today,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(root)!;
            if (!CommonOptions.CheckRoot(folder)) return (int)ExitCode.Usage;
            var options = BuildCommand.Options(folder, parse.GetValue(output), parse.GetValue(baseUrl), CommonOptions.ResolveToday(parse.GetValue(today)));
            return (int)await RunAsync(options, parse.GetValue(key), parse.GetValue(previous), parse.GetValue(origin), Console.Out, Console.Error, cancellationToken,
                parse.GetValue(nextKey)).ConfigureAwait(false);
        });
        return command.WithExamples(Examples);
    }

    public static async Task<ExitCode> RunAsync(SiteBuildOptions options, FileInfo? keyFile, string? previousPath, string? originOption,
        TextWriter output, TextWriter error, CancellationToken cancellationToken, FileInfo? nextKeyFile = null)
    {
        if (ReadKey(keyFile, KeyVariable, error) is not { } key) return ExitCode.Usage;
        SigningKey? nextKey = null;
        if ((nextKeyFile is not null || Environment.GetEnvironmentVariable(NextKeyVariable) is { Length: > 0 })
            && (nextKey = ReadKey(nextKeyFile, NextKeyVariable, error)) is null)
        {
            return ExitCode.Usage;
        }

        var settings = RegistryLoader.LoadSettings(options.Root, new DiagnosticBag()); // its problems are reported by the build's validation
        var origin = originOption ?? LogOrigin.FromRepositoryUrl(settings.RepositoryUrl);
        if (origin is null)
        {
            error.WriteLine("registry: the log needs a name (its origin): set repository_url in registry.yml (https://github.com/org/repo gives "
                + "github.com/org/repo/dula-log) or pass --origin NAME, such as example.org/registry/dula-log; keep it the same from one publish to the next");
            return ExitCode.Usage;
        }
        if (LogOrigin.Problem(origin) is { } originProblem)
        {
            error.WriteLine($"registry: {ConsoleText.Escape(originProblem)}");
            return ExitCode.Usage;
        }

        Manifest? previous = null;
        Publication publication;
        try
        {
            if (previousPath is not null) previous = Publication.ReadPrevious(previousPath);
            publication = Publication.Create(options.Root, settings.EffectiveName, origin, key, previous, settings.EffectiveMaxFileBytes, nextKey);
        }
        catch (ManifestException ex)
        {
            error.WriteLine($"registry: {ConsoleText.Escape(ex.Message)}");
            return ExitCode.Usage;
        }
        catch (PublishException ex)
        {
            error.WriteLine($"registry: {ConsoleText.Escape(ex.Message)}");
            return ExitCode.Usage;
        }
        catch (AppendOnlyException ex)
        {
            foreach (var problem in ex.Problems) output.WriteLine($"error: {ConsoleText.Escape(problem)}");
            output.WriteLine($"refusing to publish: the log of executed agreements would not extend the one published before ({previous!.LogSize} entries at commit {previous.Commit[..Math.Min(12, previous.Commit.Length)]}); nothing was written");
            return ExitCode.ValidationFailed;
        }

        var outcome = await BuildCommand.RunAsync(options, output, cancellationToken, PublishSteps.For(publication)).ConfigureAwait(false);
        if (outcome.Exit != ExitCode.Ok) return outcome.Exit;
        output.WriteLine($"signed {Manifest.FileName} ({publication.Manifest.Agreements.Count} agreements, commit {publication.Manifest.Commit[..12]}) with {publication.PublicKey.Fingerprint}; "
            + $"log '{ConsoleText.Escape(origin)}' has {publication.Log.Size} executed agreements{(previous is null ? "" : $" ({previous.LogSize} before)")}, root {Convert.ToBase64String(publication.Log.Root)}");
        return ExitCode.Ok;
    }

    /// <summary>The key from the file or the environment; prints why not (never the key's text) and returns null.</summary>
    private static SigningKey? ReadKey(FileInfo? keyFile, string variable, TextWriter error)
    {
        string pem;
        string source;
        if (keyFile is not null)
        {
            source = $"the key file '{keyFile.FullName}'";
            try
            {
                pem = File.ReadAllText(keyFile.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"registry: cannot read {source} ({ex.GetType().Name}); check the path and that you may read it");
                return null;
            }
        }
        else if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment)
        {
            source = $"the {variable} environment variable";
            pem = fromEnvironment;
        }
        else
        {
            error.WriteLine($"registry: no signing key: pass --key FILE (a PKCS#8 PEM Ed25519 key; registry keygen makes one) or put the key's PEM text in {KeyVariable}");
            return null;
        }
        try
        {
            return SigningKey.FromPem(pem);
        }
        catch (SigningKeyException ex)
        {
            error.WriteLine($"registry: {source} does not hold a usable signing key: {ex.Message}");
            return null;
        }
    }
}
