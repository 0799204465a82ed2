using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>Parses registry.yml, agencies/ and agreements/; files that cannot be parsed become diagnostics.</summary>
public sealed class LoadRegistry : IBuildStep
{
    public string Description => "Loading the registry";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var bag = new DiagnosticBag();
        var registry = RegistryLoader.Load(state.Options.Root, bag, RenderedBody.ForSite);
        return Task.FromResult(state with { Registry = registry, Diagnostics = [.. state.Diagnostics, .. bag.Sorted()] });
    }

    public string? Summarize(BuildState before, BuildState after) =>
        $"{after.RequireRegistry.Agreements.Count:N0} agreements, {after.RequireRegistry.Agencies.Count:N0} agencies";
}
