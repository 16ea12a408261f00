using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanLoop.Domain.Forecasting;

namespace PlanLoop.Features.Forecasting.Data;

/// <summary>The methods' kept forecasts: rows are only added, one per method, month made and month forecast.</summary>
sealed class KeptForecastConfiguration : IEntityTypeConfiguration<KeptForecast>
{
    public void Configure(EntityTypeBuilder<KeptForecast> b)
    {
        b.ToTable("fc_kept");
        b.HasKey(x => x.Id);
        b.Property(x => x.Method).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Model).HasMaxLength(KeptForecast.MaximumModel);
        b.Ignore(x => x.Ahead);
        b.HasIndex(x => new { x.MadeOn, x.Method, x.Month }).IsUnique();
        b.HasIndex(x => x.Month);
    }
}
