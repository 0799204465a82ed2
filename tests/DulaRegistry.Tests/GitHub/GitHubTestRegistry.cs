using DulaRegistry.Cli;

namespace DulaRegistry.Tests.GitHub;

/// <summary>What the intake, remind and announce tests share: a fixture registry whose agencies have coordinators on GitHub, and the Actions environment pointing at a fake GitHub.</summary>
internal static class GitHubTestRegistry
{
    public const string Token = "test-token-intake";

    /// <summary>The fixture registry (executed DULA-2026-0007 between dta and dor, drafting DULA-2025-0002) with coordinators and the real templates.</summary>
    public static TempRegistry Create()
    {
        var registry = Fixtures.Registry()
            .Write(Fixtures.OtherPath, Fixtures.Other)
            .Write("agencies/dta.md", WithCoordinator(Fixtures.Dta, "dta-coordinator"))
            .Write("agencies/dor.md", WithCoordinator(Fixtures.Dor, "@dor-coordinator"));
        CopyTemplates(registry.Root);
        return registry;
    }

    public static string WithCoordinator(string agency, string github) => agency.Edit("legal_reviewers:", $"""
        coordinators:
          - name: Coordinator {github.TrimStart('@')}
            email: coordinator@example.org
            github: "{github}"
        legal_reviewers:
        """);

    public static void CopyTemplates(string root)
    {
        var templates = FindTemplates();
        Directory.CreateDirectory(Path.Combine(root, "templates"));
        foreach (var name in new[] { "dula.md", "amendment.md" }) File.Copy(Path.Combine(templates, name), Path.Combine(root, "templates", name), overwrite: true);
    }

    public static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, relative);
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException($"{relative} not found above the test binaries");
    }

    private static string FindTemplates() => Path.GetDirectoryName(RepositoryFile("templates/dula.md"))!;

    public static Func<string, string?> Environment(FakeGitHub fake) => name => name switch
    {
        "GITHUB_API_URL" => fake.ApiUrl.ToString(),
        "GITHUB_TOKEN" => Token,
        "GITHUB_REPOSITORY" => FakeGitHub.Repo,
        _ => null,
    };

    public static async Task<FakeGitHub> StartFakeAsync()
    {
        var fake = await FakeGitHub.StartAsync();
        fake.Token = Token;
        return fake;
    }

    /// <summary>Runs a command with captured output.</summary>
    public static async Task<(ExitCode Exit, string Output, string Error)> Run(Func<TextWriter, TextWriter, Task<ExitCode>> command)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await command(output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
