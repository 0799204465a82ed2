using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.Validation;

/// <summary>What every rule sees: the loaded registry, the date "today" and the sink.</summary>
public sealed class RuleContext(LoadedRegistry registry, DateOnly today, IDiagnosticSink sink)
{
    public LoadedRegistry Registry { get; } = registry;
    public RegistrySettings Settings => Registry.Settings;
    public DateOnly Today { get; } = today;

    /// <summary>Reports <paramref name="code"/> at the position of <paramref name="path"/> in <paramref name="document"/>, with the code's default severity.</summary>
    public void Report<T>(RegistryDocument<T> document, string code, string path, string message) where T : class
    {
        var at = document.Map[path];
        Report(document.Path, code, at.Line, at.Column, message);
    }

    public void Report(string file, string code, int line, int column, string message) =>
        Report(file, code, DiagnosticCodes.Get(code).Severity, line, column, message);

    /// <summary>Reports with a severity of the rule's choosing, for a rule whose severity depends on the agreement's status.</summary>
    public void Report(string file, string code, Severity severity, int line, int column, string message) =>
        sink.Report(new(code, severity, file, line, column, message));
}

/// <summary>One group of related checks. Rules only read; they never change the registry.</summary>
public interface IRule
{
    void Check(RuleContext context);
}
