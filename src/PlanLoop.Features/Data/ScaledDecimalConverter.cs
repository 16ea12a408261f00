using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PlanLoop.Domain.Amounts;

namespace PlanLoop.Features.Data;

/// <summary>Every decimal is stored as a 64-bit integer of 1/10 000 (docs/decisions/0003-money-scale.md), so SQL can sum and order it on SQLite too.</summary>
sealed class ScaledDecimalConverter() : ValueConverter<decimal, long>(v => MinorUnits.ToStored(v), v => MinorUnits.FromStored(v));
