using Microsoft.Playwright;

namespace DulaRegistry.Site.Tests.Infrastructure;

/// <summary>
/// Collects what a user never sees but a broken page shows: console errors and warnings, uncaught exceptions,
/// failed requests and HTTP errors on sub-resources, and dialogs (alert/confirm/prompt: a hostile script ran).
/// </summary>
public sealed class PageProblems
{
    private readonly List<string> _problems = [];
    private readonly List<string> _dialogs = [];
    private readonly object _gate = new();

    private PageProblems()
    {
    }

    /// <summary>The main document's URL of an intentional 404 navigation: its own status is not a problem.</summary>
    public string? ExpectedMissingDocument { get; set; }

    public IReadOnlyList<string> Problems { get { lock (_gate) return _problems.ToList(); } }

    public IReadOnlyList<string> Dialogs { get { lock (_gate) return _dialogs.ToList(); } }

    public static PageProblems Watch(IPage page)
    {
        var watcher = new PageProblems();
        page.Console += (_, message) =>
        {
            if (message.Type is not ("error" or "warning")) return;
            // Chromium reports the main document's own 404 as a console error; that one is intended.
            if (watcher.ExpectedMissingDocument is { } expected && message.Location.StartsWith(expected, StringComparison.Ordinal)
                && message.Text.Contains("404", StringComparison.Ordinal)) return;
            watcher.Add($"console.{message.Type}: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => watcher.Add($"page error: {error}");
        page.RequestFailed += (_, request) => watcher.Add($"request failed: {request.Url} ({request.Failure})");
        page.Response += (_, response) =>
        {
            if (response.Status < 400) return;
            if (watcher.ExpectedMissingDocument is { } expected && response.Url == expected) return;
            watcher.Add($"HTTP {response.Status}: {response.Url}");
        };
        page.Dialog += async (_, dialog) =>
        {
            lock (watcher._gate) watcher._dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        return watcher;
    }

    private void Add(string problem)
    {
        lock (_gate) _problems.Add(problem);
    }
}
