using System.Security.Cryptography;
using System.Text;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Validation;

namespace DulaRegistry.Scaffolding;

/// <summary>
/// Validates a draft's text as if it were already in the registry, before it is written: a scaffold that would not
/// validate (a reworded template, a party that left the MOU) is reported instead of written.
/// </summary>
public static class DraftCheck
{
    /// <returns>The errors on the draft itself (other files' problems are not the draft's).</returns>
    public static IReadOnlyList<Diagnostic> Errors(LoadedRegistry registry, string relativePath, string text, DateOnly today)
    {
        var bag = new DraftOnly(relativePath);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var draft = RegistryLoader.Parse<Agreement>(text, relativePath, sha, bag);
        if (draft is not null)
        {
            // A new registry value, not `with`: LoadedRegistry caches its lookups by id.
            var withDraft = new LoadedRegistry(registry.Root, registry.Settings, registry.Agencies, [.. registry.Agreements, draft])
            {
                AgencyFiles = registry.AgencyFiles,
                AgreementFiles = registry.AgreementFiles + 1,
            };
            RegistryValidator.Validate(withDraft, today, bag);
        }
        return bag.Errors();
    }

    /// <summary>Keeps only the draft's errors, however many the rest of the registry has (a bag's run limit could crowd them out).</summary>
    private sealed class DraftOnly(string file) : IDiagnosticSink
    {
        private readonly List<Diagnostic> _errors = [];

        public void Report(Diagnostic diagnostic)
        {
            if (diagnostic.File != file || diagnostic.Severity != Severity.Error) return;
            lock (_errors) _errors.Add(diagnostic);
        }

        public IReadOnlyList<Diagnostic> Errors()
        {
            lock (_errors) return [.. _errors.Order(Diagnostic.Order)];
        }
    }
}
