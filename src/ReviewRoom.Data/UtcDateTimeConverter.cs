using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ReviewRoom.Data;

/// <summary>SQLite keeps no time zone, so values come back Unspecified; mark them UTC again on the way out.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
