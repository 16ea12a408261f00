global using Microsoft.AspNetCore.Http.HttpResults;
global using PlanLoop.Features;
