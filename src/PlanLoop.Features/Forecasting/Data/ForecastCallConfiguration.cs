using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanLoop.Domain.Forecasting;
using PlanLoop.Domain.Organisation;

namespace PlanLoop.Features.Forecasting.Data;

/// <summary>Forecast submissions: rows are only ever added; the week and period indexes answer "what did we say in week N".</summary>
sealed class ForecastCallConfiguration : IEntityTypeConfiguration<ForecastCall>
{
    public void Configure(EntityTypeBuilder<ForecastCall> b)
    {
        b.ToTable("fc_calls");
        b.HasKey(x => x.Id);
        b.Property(x => x.SubmittedBy).HasMaxLength(256);
        b.Property(x => x.Comment).HasMaxLength(ForecastCall.MaximumText);
        b.Property(x => x.AdjustReason).HasMaxLength(ForecastCall.MaximumText);
        b.Ignore(x => x.Adjusted);
        b.Ignore(x => x.Period);
        b.HasIndex(x => new { x.Year, x.Quarter, x.Week });
        b.HasIndex(x => new { x.PersonId, x.Year, x.Quarter });
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
