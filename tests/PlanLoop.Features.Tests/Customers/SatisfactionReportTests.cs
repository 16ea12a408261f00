using PlanLoop.Domain.Customers;
using PlanLoop.Features.Customers;
using PlanLoop.Features.Data;
using PlanLoop.Features.Users;

namespace PlanLoop.Features.Tests.Customers;

public sealed class SatisfactionReportTests
{
    static readonly Viewer Director = new("director", [Roles.Director]);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Report_ComputesNpsAndAverageExactly_ByQuarterAndTier_AgainstThePlan(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.CreateWithDemo(provider);
        var a = await Customers.Add(test, "甲", purchases: [6_000_000m]);
        var c = await Customers.Add(test, "丙", purchases: [50_000m]);
        await test.Get<RefreshAccounts>().Handle("test", Customers.AsOf, null, ct);
        var edit = test.Get<EditAccount>();
        async Task Answer(Guid account, SurveyKind kind, int score, int month) =>
            Assert.Equal(EditOutcome.Saved, (await edit.RecordSurvey(account, new SurveyInput(kind, score, new DateOnly(2024, month, 15)), Director, ct)).Outcome);
        // Q1: A gives 10 and 9, C gives 8 (passive) and 3 → NPS (2 − 1) / 4 = 25; CSAT 78, 77, 78 → 77.67.
        await Answer(a, SurveyKind.Nps, 10, 1);
        await Answer(a, SurveyKind.Nps, 9, 2);
        await Answer(c, SurveyKind.Nps, 8, 3);
        await Answer(c, SurveyKind.Nps, 3, 3);
        await Answer(a, SurveyKind.Csat, 78, 1);
        await Answer(a, SurveyKind.Csat, 77, 2);
        await Answer(c, SurveyKind.Csat, 78, 3);
        // Q2: only passives → NPS 0.
        await Answer(c, SurveyKind.Nps, 7, 5);
        await Answer(c, SurveyKind.Nps, 8, 6);

        var report = test.Get<GetSatisfactionReport>();
        var byQuarter = await report.Handle(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), SatisfactionDimension.Quarter, Director, ct);
        var byTier = await report.Handle(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), SatisfactionDimension.Tier, Director, ct);
        var nobody = await report.Handle(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31), SatisfactionDimension.Month, Director, ct);

        Assert.Equal([("2024Q1", 25m, 77.67m), ("2024Q2", 0m, (decimal?)null)], byQuarter.Rows.Select(r => (r.Key, r.Nps!.Value, r.CsatAverage)));
        Assert.Equal((6, 2, 3, 1), (byQuarter.Total.NpsAnswers, byQuarter.Total.Promoters, byQuarter.Total.Passives, byQuarter.Total.Detractors));
        Assert.Equal(16.67m, byQuarter.Total.Nps);
        Assert.Equal([("A", 100m, 77.5m), ("C", -25m, 78m)], byTier.Rows.Select(r => (r.Label, r.Nps!.Value, r.CsatAverage!.Value)));
        Assert.Empty(nobody.Rows);
        Assert.Null(nobody.Total.Nps);
        Assert.Null(nobody.Total.CsatAverage);
        Assert.Equal((45m, 78m, 85m), (byQuarter.NpsTarget!.Target!.Value, byQuarter.SatisfactionTarget!.Baseline!.Value, byQuarter.SatisfactionTarget.Target!.Value));
    }
}
