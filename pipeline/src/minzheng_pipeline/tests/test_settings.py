from pathlib import Path

import pytest

from minzheng_pipeline import LinkageSettings, SettingsError


def test_defaults_run_on_duckdb():
    settings = LinkageSettings()
    assert settings.engine == "duckdb"
    assert settings.predict_floor <= settings.cluster_probability


def test_the_environment_overrides_defaults():
    settings = LinkageSettings.from_env(
        {
            "MINZHENG_LINK_ENGINE": "spark",
            "MINZHENG_LINK_THREADS": "2",
            "MINZHENG_LINK_MEMORY_LIMIT": "2GB",
            "MINZHENG_LINK_TEMP_DIRECTORY": "/srv/link-spill",
            "MINZHENG_LINK_CLUSTER_PROBABILITY": "0.8",
        }
    )
    assert (settings.engine, settings.threads, settings.memory_limit) == ("spark", 2, "2GB")
    assert settings.temp_directory == Path("/srv/link-spill")
    assert settings.cluster_probability == 0.8
    assert settings.with_engine("duckdb").engine == "duckdb"


@pytest.mark.parametrize(
    "values",
    [
        {"engine": "oracle"},
        {"cluster_probability": 1.5},
        {"predict_floor": 0.9, "cluster_probability": 0.5},
        {"threads": 0},
        {"u_sample_pairs": 10},
    ],
)
def test_invalid_settings_are_refused(values):
    with pytest.raises(SettingsError):
        LinkageSettings(**values)


def test_a_malformed_environment_value_is_refused():
    with pytest.raises(SettingsError, match="MINZHENG_LINK_THREADS"):
        LinkageSettings.from_env({"MINZHENG_LINK_THREADS": "many"})
