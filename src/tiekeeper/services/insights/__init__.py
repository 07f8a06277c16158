"""Network insights (docs/INSIGHTS.md): their data, each measure, the report and the views."""
