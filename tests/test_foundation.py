"""The app starts on its defaults and answers translated error pages."""

from sqlalchemy import inspect, select

from workshop.extensions import db


def test_unknown_page_is_a_translated_404(client):
    response = client.get("/no-such-page", headers={"Accept-Language": "da"})
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.get_data(as_text=True)


def test_api_unknown_route_answers_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_openapi_description_is_served(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")


def test_migrations_create_the_same_schema_as_the_models(app):
    """Every schema change is a migration: upgrading an empty database gives the models' tables."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from flask_migrate import upgrade

    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []
        assert "note" in inspect(db.engine).get_table_names()
        db.drop_all()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


def test_behind_a_trusted_proxy_the_client_address_comes_from_the_proxy_header(database_url):
    import config
    from workshop import create_app

    app = create_app(
        config.TestingConfig, {"SQLALCHEMY_DATABASE_URI": database_url, "TRUSTED_PROXIES": 1}
    )

    @app.get("/_address")
    def address():
        from flask import request

        return request.remote_addr

    response = app.test_client().get("/_address", headers={"X-Forwarded-For": "203.0.113.7"})
    assert response.get_data(as_text=True) == "203.0.113.7"


def test_a_request_without_a_path_from_the_wsgi_server_gets_the_start_page(app):
    """PEP 3333 lets a WSGI server leave PATH_INFO out for the application's root."""
    from werkzeug.test import EnvironBuilder

    environ = EnvironBuilder(path="/").get_environ()
    del environ["PATH_INFO"]
    statuses = []
    body = b"".join(app(environ, lambda status, headers, *_: statuses.append(status)))
    assert statuses == ["200 OK"] and b"<html" in body


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(app):
    @app.get("/_address")
    def address():
        from flask import request

        return request.remote_addr

    response = app.test_client().get("/_address", headers={"X-Forwarded-For": "203.0.113.7"})
    assert response.get_data(as_text=True) == "127.0.0.1"


def test_names_listed_before_the_key_was_stored_still_place_their_participants(app, make_workshop):
    """The migration that stores each listed name's key fills it in for the names already listed."""
    from flask_migrate import downgrade, stamp, upgrade

    from workshop.models import Group, Workshop
    from workshop.services import assignments

    workshop_id = make_workshop(groups=2, group_mode="assigned")
    with app.app_context():
        second_group = db.session.scalars(
            select(Group.id).where(Group.workshop_id == workshop_id).order_by(Group.position)
        ).all()[1]
        db.session.remove()  # on SQLite its transaction holds the write lock
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        stamp()  # the tables come from the models, which are at the newest revision
        downgrade(revision="a3f1c5d7e9b2")
        with db.engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO group_assignment (workshop_id, group_id, name, position)"
                f" VALUES ({workshop_id}, {second_group}, '  Åse   ØDEGÅRD ', 0)"
            )
        upgrade()
        workshop = db.session.get(Workshop, workshop_id)
        listed = assignments.assigned_group(workshop, "åse ødegård")
        assert listed is not None and listed.id == second_group
        db.session.remove()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
