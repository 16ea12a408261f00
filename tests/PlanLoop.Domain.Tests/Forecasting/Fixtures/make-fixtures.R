# Reference forecasts from R's forecast package for the forecasting tests.
# Run from the repository root:  Rscript tests/PlanLoop.Domain.Tests/Forecasting/Fixtures/make-fixtures.R
# Needs r-cran-forecast (Debian). Writes r-reference.csv beside this script.
suppressMessages(library(forecast))
d <- read.csv("data/m3/m3-monthly.csv", stringsAsFactors = FALSE)
ids <- c("N1402", "N1500", "N1650", "N1900", "N2300", "N2801")
forms <- c("ANN", "AAN", "AAdN", "ANA", "MNM", "MAdM")
num <- function(s) as.numeric(strsplit(s, " ")[[1]])
rows <- list()
add <- function(id, method, model, par, aicc, f) {
  g <- function(k) if (!is.null(par) && k %in% names(par)) sprintf("%.10g", par[[k]]) else ""
  rows[[length(rows) + 1]] <<- c(id, method, model, g("alpha"), g("beta"), g("gamma"), g("phi"),
                                  if (is.null(aicc)) "" else sprintf("%.10g", aicc), sprintf("%.10g", as.numeric(f)))
}
for (id in ids) {
  r <- d[d$series == id, ]
  y <- ts(num(r$train), frequency = 12)
  h <- r$h
  th <- thetaf(y, h = h)
  add(id, "thetaf", "Theta", list(alpha = th$model$alpha), NULL, th$mean)
  auto <- ets(y)
  add(id, "ets-auto", auto$method, as.list(auto$par), auto$aicc, forecast(auto, h = h, PI = FALSE)$mean)
  for (form in forms) {
    damped <- grepl("d", form)
    code <- gsub("d", "", form)
    fit <- tryCatch(ets(y, model = code, damped = damped), error = function(e) NULL)
    if (is.null(fit)) next
    add(id, "ets", fit$method, as.list(fit$par), fit$aicc, forecast(fit, h = h, PI = FALSE)$mean)
  }
  sn <- snaive(y, h = h)
  add(id, "snaive", "Seasonal naive", NULL, NULL, sn$mean)
}
out <- do.call(rbind, rows)
colnames(out) <- c("series", "method", "model", "alpha", "beta", "gamma", "phi", "aicc", paste0("f", 1:18))
write.csv(out, "tests/PlanLoop.Domain.Tests/Forecasting/Fixtures/r-reference.csv", row.names = FALSE, quote = TRUE)
cat(R.version.string, "forecast", as.character(packageVersion("forecast")), "\n")
