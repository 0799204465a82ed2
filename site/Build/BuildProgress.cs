namespace DulaRegistry.Site.Build;

/// <summary>Receives progress of a build (a terminal status line, a log line per step, or nothing).</summary>
public interface IBuildProgress
{
    void StepStarted(string name, int index, int count);

    void StepFinished(string name, TimeSpan elapsed, string? detail);
}

public sealed class NoProgress : IBuildProgress
{
    public static readonly NoProgress Instance = new();

    public void StepStarted(string name, int index, int count) { }

    public void StepFinished(string name, TimeSpan elapsed, string? detail) { }
}
