"""Attribution extraction: who said or claimed what (cue, source, content), direct and reported."""
