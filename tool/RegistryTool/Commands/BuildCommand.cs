using System.CommandLine;
using System.Globalization;
using DulaRegistry.Diagnostics;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.ViewModels;
using Spectre.Console;

namespace DulaRegistry.Cli.Commands;

internal static class BuildCommand
{
    public static Option<DirectoryInfo?> Out() => new("--out")
    {
        Description = "The folder to write the site to (default: _site under --root). It is replaced as a whole when the build succeeds, "
            + "and only if it is empty or holds a site this tool wrote (a .registry-site file)",
        HelpName = "DIR",
    };

    public static Option<string> BaseUrl() => new("--base-url")
    {
        Description = "The path the site is served under, such as /registry/ for a GitHub Pages project site, or an absolute URL",
        DefaultValueFactory = _ => "/",
        HelpName = "PATH",
    };

    public static Option<bool> Full() => new("--full")
    {
        Description = "Render every page, ignoring the cache kept beside the output folder (by default a build renders only the pages "
            + "whose inputs changed since the last build into the same folder; the result is the same either way)",
    };

    /// <summary>The examples at the end of <c>--help</c>.</summary>
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry build", "build the site into _site/"),
        new("registry build --out public --base-url /registry/", "for a GitHub Pages project site"),
        new("registry build --full", "render every page, ignoring the cache of the last build"),
    ];

    public static Command Create()
    {
        var root = CommonOptions.Root();
        var output = Out();
        var baseUrl = BaseUrl();
        var today = CommonOptions.Today();
        var full = Full();
        var command = new Command("build", "Validate the registry and build its static site (HTML pages, search index, JSON, CSV, Atom and iCalendar exports)")
        {
            root, output, baseUrl, today, full,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(root)!;
            if (!CommonOptions.CheckRoot(folder)) return (int)ExitCode.Usage;
            var options = Options(folder, parse.GetValue(output), parse.GetValue(baseUrl), CommonOptions.ResolveToday(parse.GetValue(today)));
            if (parse.GetValue(full)) options = options with { Incremental = false };
            return (int)(await RunAsync(options, Console.Out, cancellationToken).ConfigureAwait(false)).Exit;
        });
        return command.WithExamples(Examples);
    }

    public static SiteBuildOptions Options(DirectoryInfo root, DirectoryInfo? output, string? baseUrl, DateOnly today) =>
        new(root.FullName, output?.FullName ?? Path.Combine(root.FullName, "_site"), SiteUrls.Normalize(baseUrl), today, History: true, Generator: Generator,
            Incremental: true);

    /// <summary>What the site's marker file says: "DulaRegistry.Tool 0.1.0".</summary>
    public static string Generator { get; } = "DulaRegistry.Tool " + ToolVersion();

    private static string ToolVersion()
    {
        var assembly = typeof(BuildCommand).Assembly;
        var version = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus]; // without the commit hash the SDK may append
    }

    /// <summary>Builds the site, printing progress, diagnostics and a summary; returns the exit code and, when it failed, why in a few lines.</summary>
    /// <param name="additions">Steps added to the build (<c>registry publish</c> adds its own); default none.</param>
    public static async Task<BuildOutcome> RunAsync(SiteBuildOptions options, TextWriter output, CancellationToken cancellationToken,
        BuildAdditions? additions = null)
    {
        additions ??= BuildAdditions.None;
        BuildResult result;
        if (IsInteractive(output))
        {
            result = await AnsiConsole.Status().Spinner(Spinner.Known.Dots).StartAsync("Building the site", async context =>
                await SiteBuilder.BuildAsync(options, additions, new StatusProgress(context), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        else
        {
            result = await SiteBuilder.BuildAsync(options, additions, new LineProgress(output), cancellationToken).ConfigureAwait(false);
        }
        return Report(result, output);
    }

    private static BuildOutcome Report(BuildResult result, TextWriter output)
    {
        var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = result.Diagnostics.Count - errors;
        if (result.Error is { } error)
        {
            Console.Error.WriteLine($"registry: {error}");
            return new BuildOutcome(ExitCode.Usage, [error]);
        }
        if (!result.Succeeded)
        {
            DiagnosticWriter.Write(result.Diagnostics, OutputFormat.Text, output,
                $"{ValidateCommand.Plural(errors, "error")}, {ValidateCommand.Plural(warnings, "warning")}: the site was not built; fix the errors and build again");
            return new BuildOutcome(ExitCode.ValidationFailed, [.. result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(DiagnosticWriter.Text)]);
        }
        foreach (var diagnostic in result.Diagnostics) output.WriteLine(DiagnosticWriter.Text(diagnostic));
        var assets = result.Files.Count(f => f.Kind == OutputKind.Asset);
        var exports = result.Files.Count - result.Pages - assets;
        var warned = warnings > 0 ? $" ({ValidateCommand.Plural(warnings, "warning")})" : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"built {ValidateCommand.Plural(result.Pages, "page")}, {ValidateCommand.Plural(exports, "export")} and {ValidateCommand.Plural(assets, "asset")} in {result.Elapsed.TotalSeconds:0.00} s{warned} → {result.Output}"));
        return new BuildOutcome(ExitCode.Ok, []);
    }

    /// <summary>How a build ended: the exit code, and the errors (plain lines) when it failed.</summary>
    public sealed record BuildOutcome(ExitCode Exit, IReadOnlyList<string> Problems);

    private static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>A spinner with the current step, and a line per finished step.</summary>
    private sealed class StatusProgress(StatusContext context) : IBuildProgress
    {
        public void StepStarted(string name, int index, int count) => context.Status($"[[{index + 1}/{count}]] {Markup.Escape(name)}…");

        public void StepFinished(string name, TimeSpan elapsed, string? detail) =>
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[green]✓[/] {Markup.Escape(name)}{(detail is null ? "" : $" [grey]({Markup.Escape(detail)})[/]")} [grey]{elapsed.TotalSeconds:0.00} s[/]"));
    }

    /// <summary>One plain line per finished step, for logs and CI.</summary>
    private sealed class LineProgress(TextWriter output) : IBuildProgress
    {
        public void StepStarted(string name, int index, int count) { }

        public void StepFinished(string name, TimeSpan elapsed, string? detail) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}{(detail is null ? "" : $": {detail}")} ({elapsed.TotalSeconds:0.00} s)"));
    }
}
