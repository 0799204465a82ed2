using DulaRegistry.Diagnostics;
using DulaRegistry.Validation;

namespace DulaRegistry.Site.Build;

/// <summary>Runs every validation rule; a registry with errors is not built.</summary>
public sealed class ValidateRegistry : IBuildStep
{
    public string Description => "Validating";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var bag = new DiagnosticBag();
        foreach (var diagnostic in state.Diagnostics) bag.Report(diagnostic);
        RegistryValidator.Validate(state.RequireRegistry, state.Options.Today, bag, cancellationToken);
        var diagnostics = bag.Sorted();
        return Task.FromResult(state with { Diagnostics = diagnostics, Failed = diagnostics.Any(d => d.Severity == Severity.Error) });
    }

    public string? Summarize(BuildState before, BuildState after)
    {
        var errors = after.Diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = after.Diagnostics.Count - errors;
        return $"{errors:N0} error{(errors == 1 ? "" : "s")}, {warnings:N0} warning{(warnings == 1 ? "" : "s")}";
    }
}
