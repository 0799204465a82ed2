using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Exports;

/// <summary>
/// The records of <c>agreements.json</c> a build may copy instead of writing them (the last build's, for agreements that did not
/// change: <see cref="Build.JsonRecordCache"/>), and where each record of this build's file went, for the next build.
/// </summary>
public interface IJsonRecords
{
    /// <summary>True, with the record's bytes exactly as <see cref="JsonExport"/> writes them, when <paramref name="agreement"/>'s
    /// record is known; the bytes are valid until the export is written.</summary>
    bool TryGet(AgreementView agreement, out ReadOnlySpan<byte> record);

    /// <summary>The record of <paramref name="agreement"/>, written or copied at <paramref name="offset"/> bytes into the file.</summary>
    void Written(AgreementView agreement, long offset, ReadOnlySpan<byte> record);
}
