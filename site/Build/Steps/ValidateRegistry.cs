using DulaRegistry.Diagnostics;
using DulaRegistry.Validation;

namespace DulaRegistry.Site.Build;

/// <summary>Runs every validation rule; a registry with errors is not built.</summary>
public sealed class ValidateRegistry : IBuildStep<(BuildContext Context, RegistryLoad Load), ValidationReport>
{
    public string Description => "Validating";

    public Task<ValidationReport> RunAsync((BuildContext Context, RegistryLoad Load) input, CancellationToken cancellationToken)
    {
        var bag = new DiagnosticBag();
        foreach (var diagnostic in input.Load.Diagnostics) bag.Report(diagnostic);
        RegistryValidator.Validate(input.Load.Registry, input.Context.Options.Today, bag, cancellationToken);
        return Task.FromResult(new ValidationReport(bag.Sorted()));
    }

    public string? Summarize((BuildContext Context, RegistryLoad Load) input, ValidationReport validation)
    {
        var errors = validation.Errors;
        var warnings = validation.Diagnostics.Count - errors;
        return $"{errors:N0} error{(errors == 1 ? "" : "s")}, {warnings:N0} warning{(warnings == 1 ? "" : "s")}";
    }
}

/// <summary>Every diagnostic of the registry, parsing's and the rules', in order.</summary>
public sealed record ValidationReport(IReadOnlyList<Diagnostic> Diagnostics)
{
    public int Errors => Diagnostics.Count(d => d.Severity == Severity.Error);

    /// <summary>A registry with errors is not built.</summary>
    public bool HasErrors => Errors > 0;
}
