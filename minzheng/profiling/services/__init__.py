from minzheng.profiling.services.runs import ProfileRun, profiles_run

__all__ = ["ProfileRun", "profiles_run"]
