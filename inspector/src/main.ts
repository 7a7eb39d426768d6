// Entry point: registers the components and mounts the app.
import './components/oi-app.ts';
