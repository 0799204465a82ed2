namespace DulaRegistry.Model;

/// <summary>
/// Date arithmetic that stays inside the calendar: a registry may hold 0001-01-01 or 9999-12-31, and a renewal window
/// or "the next day" must not throw there (DateOnly.AddDays does).
/// </summary>
public static class CalendarMath
{
    /// <summary><paramref name="date"/> plus <paramref name="days"/>, clamped to <see cref="DateOnly.MinValue"/> and <see cref="DateOnly.MaxValue"/>.</summary>
    public static DateOnly AddDaysClamped(this DateOnly date, int days) =>
        DateOnly.FromDayNumber((int)Math.Clamp((long)date.DayNumber + days, DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber));
}
