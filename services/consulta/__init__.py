"""The consulta service: the doctor's agenda (slots), appointments and their state machine."""
