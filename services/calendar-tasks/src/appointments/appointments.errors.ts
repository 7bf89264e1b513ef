import { describeViolations, DomainError, ErrorKind, type FieldViolation } from '@crm/errors';

export enum AppointmentsErrorCode {
  AppointmentNotFound = 'APPOINTMENT_NOT_FOUND',
  CalendarNotFound = 'CALENDAR_NOT_FOUND',
  InvalidAppointment = 'INVALID_APPOINTMENT',
  ReadOnlyAppointment = 'READ_ONLY_APPOINTMENT',
}

export class AppointmentsError extends DomainError<AppointmentsErrorCode> {
  static notFound(id: string): AppointmentsError {
    return new AppointmentsError(AppointmentsErrorCode.AppointmentNotFound, ErrorKind.NotFound, `appointment ${id} not found`, { resource: 'appointment' });
  }

  /** 404 for a calendar out of sight; `field` when a request body names it. */
  static calendarNotFound(id: string, field?: string): AppointmentsError {
    return new AppointmentsError(AppointmentsErrorCode.CalendarNotFound, ErrorKind.NotFound, `calendar ${id} not found`, {
      resource: field ? 'appointment' : 'calendar',
      ...(field ? { violations: [{ field, code: 'not_found', message: 'is not a calendar you can see' }] } : {}),
    });
  }

  static invalid(violations: FieldViolation[], resource: 'appointment' | 'calendar' = 'appointment'): AppointmentsError {
    return new AppointmentsError(AppointmentsErrorCode.InvalidAppointment, ErrorKind.InvalidArgument, describeViolations(violations), { resource, violations });
  }

  /** 422: the appointment is on a calendar the CRM does not write to, or the caller only attends it. */
  static readOnly(id: string, why: string): AppointmentsError {
    return new AppointmentsError(AppointmentsErrorCode.ReadOnlyAppointment, ErrorKind.InvalidArgument, `appointment ${id} is read-only: ${why}`, {
      resource: 'appointment',
      violations: [{ field: 'editable', code: 'read_only', message: why }],
    });
  }
}
