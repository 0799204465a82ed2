using System.Diagnostics;

namespace DulaRegistry.Site.Build;

/// <summary>
/// Runs the build's steps one at a time for <see cref="SiteBuilder"/>: reports each to the progress, times it, passes the
/// cancellation on until the new site is in place (then a build finishes rather than stop part-way), and turns an I/O
/// failure into a <see cref="BuildStoppedException"/> that says, in plain words, what to check.
/// </summary>
internal sealed class StepRunner(IBuildProgress progress, int count, string output, CancellationToken cancellationToken)
{
    private readonly List<StepTiming> _timings = new(count);

    /// <summary>The new site is in place: steps are no longer cancelled.</summary>
    public bool Published { get; set; }

    public IReadOnlyList<StepTiming> Timings => _timings;

    public async Task<TOutput> Run<TInput, TOutput>(IBuildStep<TInput, TOutput> step, TInput input)
    {
        var token = Published ? CancellationToken.None : cancellationToken;
        token.ThrowIfCancellationRequested();
        progress.StepStarted(step.Description, _timings.Count, count);
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await step.RunAsync(input, token).ConfigureAwait(false);
            _timings.Add(new StepTiming(step.GetType().Name, clock.Elapsed));
            progress.StepFinished(step.Description, clock.Elapsed, step.Summarize(input, result));
            return result;
        }
        catch (Exception ex) when (ex is BuildStoppedException or IOException or UnauthorizedAccessException)
        {
            _timings.Add(new StepTiming(step.GetType().Name, clock.Elapsed));
            progress.StepFinished(step.Description, clock.Elapsed, "failed");
            // Out of disk, permission denied, a file in the way: the user's to fix, not a defect of the tool.
            throw ex as BuildStoppedException ?? new BuildStoppedException(WriteError(step.Description, reads: step is LoadRegistry or ValidateRegistry or ReadHistory or BuildSiteModel, ex), ex);
        }
    }

    /// <summary>An I/O failure in plain words, naming the path (the exception's message does) and what to check.</summary>
    /// <param name="reads">The step reads the registry rather than writes the site.</param>
    private string WriteError(string step, bool reads, Exception ex) => reads
        ? $"{step.ToLowerInvariant()} failed: {ex.Message.TrimEnd('.')}; check that you may read the registry's files, then build again"
        : $"{step.ToLowerInvariant()} failed: {ex.Message.TrimEnd('.')}; check that you may write to '{Path.GetFullPath(output)}' and its parent folder, "
            + "that the disk has free space, and that nothing else holds these files, then build again";
}
